/**
 * `check`'s answers to one batch of request lines (a chunk of the requests file): the
 * output lines, the malformed ones to report, and the counts progress needs. The same code
 * answers a batch on the main thread and in a `check` worker, so a parallel run writes
 * byte for byte what a sequential one does.
 */
import { decisionToWire, parseWireLine, WireError, type Decider, type Request } from "@emqx-acl/core";

/** A malformed request line: its 1-based number in the requests and why. */
export interface MalformedLine {
  line: number;
  message: string;
}

/** What answering a batch gives (structured-cloneable: workers post it back as is). */
export interface BatchResult {
  /** One output line per non-blank request line, each ending in `\n`. */
  out: string;
  malformed: MalformedLine[];
  /** Non-blank request lines answered (malformed ones included). */
  count: number;
  /** Characters read, line ends included (progress's share of the file). */
  bytes: number;
}

/** A batch's answers as they are collected. */
class BatchAnswers implements BatchResult {
  out = "";
  malformed: MalformedLine[] = [];
  count = 0;
  bytes = 0;

  /** Notes a line; false when it is blank (blank lines get no answer). */
  take(line: string): boolean {
    this.bytes += line.length + 1;
    if (line.trim() === "") return false;
    this.count++;
    return true;
  }

  answered(text: string): void {
    this.out += `${text}\n`;
  }

  /** A malformed line: an `{"error":…}` output line in its place, and reported. */
  failed(line: number, err: unknown): void {
    const message = (err as Error).message;
    this.malformed.push({ line, message });
    this.out += `${JSON.stringify({ error: `line ${line}: ${message}` })}\n`;
  }
}

/** Answers `lines` (the first being request line `firstLine`); `answer` throws on a malformed line. */
export function answerBatch(
  lines: readonly string[],
  firstLine: number,
  answer: (line: string) => string,
): BatchResult {
  const b = new BatchAnswers();
  for (let i = 0; i < lines.length; i++) {
    if (!b.take(lines[i])) continue;
    let text: string;
    try {
      text = answer(lines[i]);
    } catch (e) {
      b.failed(firstLine + i, e);
      continue;
    }
    b.answered(text);
  }
  return b;
}

/** The same for answers that wait (live database sources), one line after another. */
export async function answerBatchAsync(
  lines: readonly string[],
  firstLine: number,
  answer: (line: string) => Promise<string>,
): Promise<BatchResult> {
  const b = new BatchAnswers();
  for (let i = 0; i < lines.length; i++) {
    if (!b.take(lines[i])) continue;
    let text: string;
    try {
      text = await answer(lines[i]);
    } catch (e) {
      b.failed(firstLine + i, e);
      continue;
    }
    b.answered(text);
  }
  return b;
}

/** A request line for the acl file alone: a login ACL is a stage of the chain, which this mode does not run. */
function fileRequest(line: string): Request {
  const request = parseWireLine(line);
  if (request.acl !== undefined)
    throw new WireError(`"acl" is decided by the authorization chain: use check --config emqx.conf`);
  if (request.jwt !== undefined)
    throw new WireError(`"jwt_claims" is decided by the authorization chain: use check --config emqx.conf`);
  return request;
}

/** The answer to one request line from a compiled rule set (conformance format). */
export function answerWith(decider: Decider): (line: string) => string {
  return (line) => decisionToWire(decider.decide(fileRequest(line)));
}
