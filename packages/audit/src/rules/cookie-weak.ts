import type { AuditContext, Finding } from "../context";
import { allVersions, type AuditRule } from "../rule";
import { DEFAULT_COOKIES } from "./cookie-default";

/** Shorter than this is guessable; 16 random characters carry ~95 bits over [A-Za-z0-9]. */
export const MIN_COOKIE_LENGTH = 16;

export const cookieWeak: AuditRule = {
  id: "cookie-weak",
  severity: allVersions("warning"),
  summary: "`node.cookie` is short, repetitive or contains characters EMQX mishandles.",
  rationale:
    "The cookie is the only secret between cluster nodes. Before 6.0.3/6.1.1 a `#` truncates it (the generated vm.args treats it as a comment); EMQX 6 HEAD refuses empty cookies, cookies over 255 bytes and ones with backslash, quotes or spaces.",
  sources: "cluster-security.md §2",
  check(ctx: AuditContext): Finding[] {
    const s = ctx.get("node.cookie");
    if (!s || DEFAULT_COOKIES[ctx.version].includes(s.value)) return [];
    const c = s.value;
    if (ctx.caps.strictCookie && c.startsWith("file://")) return [];
    const out: Finding[] = [];
    const add = (message: string, severity?: Finding["severity"]) =>
      out.push({ id: this.id, loc: s.loc, message, severity });
    if (ctx.caps.strictCookie && (c.length === 0 || Buffer.byteLength(c) > 255 || /[\\'" ]/.test(c))) {
      add(
        "node.cookie must be 1..255 bytes without backslash, quote, double quote or space: EMQX 6 refuses to start with it",
        "error",
      );
    }
    if (ctx.caps.configFormat === "cuttlefish" && glued(ctx, s.loc)) {
      add(
        `node.cookie is followed by '#' with no space: EMQX 4's config reader takes '#' as a comment, so the cookie is only the ${c.length} characters before it`,
      );
    } else if (c.includes("#") && !ctx.caps.strictCookie) {
      // never echo the cookie: reports end up in CI logs
      add(
        `node.cookie contains '#': EMQX before 6.0.3/6.1.1 cuts the cookie there, so only its first ${c.indexOf("#")} characters are used`,
      );
    } else if (c.length < MIN_COOKIE_LENGTH) {
      add(`node.cookie is only ${c.length} characters; use at least ${MIN_COOKIE_LENGTH} random characters`);
    } else if (new Set(c).size < 6) {
      add(`node.cookie uses only ${new Set(c).size} distinct characters; use a random cookie`);
    }
    return out;
  },
};

/** v4: a `#` right after the value (`cookie = abc#def`) was meant as part of the cookie. */
function glued(ctx: AuditContext, loc: Finding["loc"]): boolean {
  const text = ctx.sources.find((src) => src.file === loc.file)?.text ?? "";
  return text.charAt(loc.end) === "#";
}
