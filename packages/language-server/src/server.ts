/**
 * The LSP glue: document store, debounced analysis in a worker, settings, and the feature
 * handlers (`handlers.ts`). Every handler is guarded: whatever the input, the server logs
 * and answers rather than crashing.
 */
import { fileURLToPath } from "node:url";
import {
  MessageType,
  ShowMessageNotification,
  TextDocuments,
  type Connection,
  type InitializeParams,
  type InitializeResult,
} from "vscode-languageserver";
import { TextDocument } from "vscode-languageserver-textdocument";
import { sortDiagnostics, type DocumentAnalysis } from "@emqx-acl/analysis";
import { AnalysisRunner, type JobResult } from "./analysis-runner";
import { AnalysisStore, analyzeOptions, needsLint, settingsKey } from "./analysis-store";
import { CarriedFindings } from "./carried-findings";
import { toLspDiagnostic } from "./convert";
import { tooLargeDiagnostic, tooLargeForLiveAnalysis, tooLargeMessage } from "./document-size";
import type { Diagnostic } from "@emqx-acl/syntax";
import type { Diagnostic as LspDiagnostic } from "vscode-languageserver";
import { sanitizeSettings, type Settings } from "./settings";
import { TrafficPause } from "./traffic-pause";
import { SettingsResolver } from "./settings-resolver";
import { registerFeatures, serverCapabilities } from "./handlers";

export { COMMANDS } from "./handlers";

export interface ServerOptions {
  /** The `analysis-worker.cjs` bundle; null runs analyses on the LSP thread. */
  workerFile?: string | null;
  /** Answer {@link DOCUMENT_STATE_REQUEST} (tests only). */
  testHooks?: boolean;
  /** Settings below the client's and the files' (`emqx-acl lsp --emqx 5`). */
  baseSettings?: Partial<Settings>;
}

/**
 * Test-only request: how many documents each per-document map holds, on this thread and
 * in the worker (all zero once every document is closed), and how many analyses started.
 */
export const DOCUMENT_STATE_REQUEST = "emqx-acl/test/documentState";

export interface DocumentState {
  open: number;
  perDocument: Record<string, number>;
  analysesStarted: number;
}

/** Wires every feature onto `connection` and starts listening. */
export function startServer(connection: Connection, options: ServerOptions = {}): void {
  const documents = new TextDocuments(TextDocument);
  let resolver = new SettingsResolver([], options.baseSettings);
  const store = new AnalysisStore((uri) => resolver.for(uri));
  /** The lint findings of each document's last version that loaded (shown while it does not). */
  const carried = new CarriedFindings();
  const timers = new Map<string, NodeJS.Timeout>();
  const waiters = new Map<string, (() => void)[]>();
  /** The dialect the last complete analysis of each document used (completion's hint). */
  const dialects = new Map<string, string>();
  /** Documents too large for live analysis (the user was told once, when each became so). */
  const oversized = new Set<string>();
  let pullConfig = false;
  /** The client re-asks for inlay hints when told to (they show lint's reachability verdicts). */
  let inlayRefresh = false;
  let analysesStarted = 0;
  const traffic = new TrafficPause();

  const guard = <T>(what: string, fallback: T, fn: () => T): T => {
    try {
      return fn();
    } catch (err) {
      connection.console.error(
        `emqx-acl: ${what} failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`,
      );
      return fallback;
    }
  };
  const analysisOf = (uri: string): DocumentAnalysis | null => {
    const doc = documents.get(uri);
    return doc && !tooLargeForLiveAnalysis(doc.getText()) ? store.get(doc) : null;
  };
  const withAnalysis = <T>(what: string, uri: string, fallback: T, fn: (a: DocumentAnalysis) => T): T =>
    guard(what, fallback, () => {
      const a = analysisOf(uri);
      return a ? fn(a) : fallback;
    });

  const wake = (uri: string) => {
    for (const w of waiters.get(uri) ?? []) w();
    waiters.delete(uri);
  };
  /** The LSP form of each diagnostic object (the runner hands back unchanged ones as the same objects). */
  const lspForms = new WeakMap<Diagnostic, { uri: string; lsp: LspDiagnostic }>();
  const lspForm = (d: Diagnostic, uri: string) => {
    const hit = lspForms.get(d);
    if (hit && hit.uri === uri) return hit.lsp;
    const lsp = toLspDiagnostic(d, uri);
    lspForms.set(d, { uri, lsp });
    return lsp;
  };
  /** Publishes the complete diagnostics of one version and wakes the requests waiting for them. */
  const publishComplete = (r: JobResult) => {
    store.setComplete(r.uri, r.version, r.key, r.diagnostics, r.reachability);
    dialects.set(r.uri, r.dialect);
    void connection.sendDiagnostics({
      uri: r.uri,
      version: r.version,
      diagnostics: r.diagnostics.map((d) => lspForm(d, r.uri)),
    });
    // hints asked for before the verdicts came are stale ("reachable"/"never fires" notes)
    if (inlayRefresh && r.reachability) connection.languages.inlayHint.refresh().catch(() => undefined);
    wake(r.uri);
  };
  /** Publishes complete diagnostics, unless a newer version (or other settings) arrived meanwhile. */
  const runner = new AnalysisRunner(
    {
      done: (r) =>
        guard("diagnostics", undefined, () => {
          const doc = documents.get(r.uri);
          if (!doc || doc.version !== r.version || r.key !== settingsKey(resolver.for(r.uri))) return;
          if (store.isComplete(r.uri, r.version, r.key)) return; // published from this thread (the file does not load)
          carried.remember(r.uri, doc.getText(), r.diagnostics);
          publishComplete(r);
        }),
      failed: (job, message) =>
        guard("diagnostics", undefined, () => {
          connection.console.error(`emqx-acl: analysis of ${job.uri} v${job.version} failed: ${message}`);
          wake(job.uri); // requests waiting for it go on with what there is
          const doc = documents.get(job.uri);
          if (!doc || doc.version !== job.version) return;
          // the syntax and schema diagnostics still stand
          const partial = store.get(doc).diagnostics;
          void connection.sendDiagnostics({
            uri: job.uri,
            version: job.version,
            diagnostics: partial.map((d) => toLspDiagnostic(d, job.uri)),
          });
        }),
    },
    options.workerFile ?? null,
  );
  const validate = (uri: string) =>
    guard("diagnostics", undefined, () => {
      timers.delete(uri);
      const doc = documents.get(uri);
      if (!doc) return;
      if (tooLargeForLiveAnalysis(doc.getText())) return degrade(uri, doc.version, doc.getText().length);
      oversized.delete(uri);
      const settings = resolver.for(uri);
      reportProblems();
      const key = settingsKey(settings);
      if (store.isComplete(uri, doc.version, key)) return;
      // the worker starts at once, while this thread brings its own model up to date (requests
      // need it); when the file does not load that model holds every diagnostic: publish
      // them at once and drop the worker's run (its result, if it comes, is not published)
      analysesStarted++;
      runner.submit({ uri, version: doc.version, text: doc.getText(), options: analyzeOptions(settings), key });
      const model = store.get(doc);
      if (!needsLint(model)) {
        runner.cancel(uri);
        const kept = model.lowered.ruleSet.loadError ? carried.carry(uri, doc.getText()) : [];
        const diagnostics = kept.length ? sortDiagnostics([...model.diagnostics, ...kept]) : model.diagnostics;
        publishComplete({
          uri,
          version: doc.version,
          key,
          diagnostics,
          dialect: model.lowered.dialect,
          reachability: null,
        });
      }
    });
  /** A document too large to analyse: drop its analysis state and say why, in one diagnostic. */
  const degrade = (uri: string, version: number, chars: number) => {
    runner.forget(uri);
    carried.forget(uri);
    store.delete(uri);
    dialects.delete(uri);
    if (!oversized.has(uri)) {
      oversized.add(uri);
      void connection.sendNotification(ShowMessageNotification.type, {
        type: MessageType.Warning,
        message: `emqx-acl: ${uri}: ${tooLargeMessage(chars)}`,
      });
    }
    void connection.sendDiagnostics({ uri, version, diagnostics: [tooLargeDiagnostic(chars)] });
    wake(uri);
  };
  /** Tells the user, once each, about settings files that could not be used. */
  let reported = 0;
  const reportProblems = () => {
    for (; reported < resolver.problems.length; reported++) {
      void connection.sendNotification(ShowMessageNotification.type, {
        type: MessageType.Warning,
        message: `emqx-acl settings: ${resolver.problems[reported]}`,
      });
    }
  };
  /** Resolves once the complete diagnostics of the current version are in (or after `ms`). */
  const analyzed = (uri: string, ms: number) =>
    new Promise<void>((resolve) => {
      const doc = documents.get(uri);
      if (
        !doc ||
        tooLargeForLiveAnalysis(doc.getText()) ||
        store.isComplete(uri, doc.version, settingsKey(resolver.for(uri)))
      )
        return resolve();
      const list = waiters.get(uri) ?? [];
      const waiter = () => (clearTimeout(timer), resolve());
      // given up on: goes on with what there is, and is no longer kept
      const timer = setTimeout(() => {
        const i = list.indexOf(waiter);
        if (i >= 0) list.splice(i, 1);
        if (!list.length && waiters.get(uri) === list) waiters.delete(uri);
        resolve();
      }, ms);
      list.push(waiter);
      waiters.set(uri, list);
    });
  /** Analyses `uri` after `delay`, and once document traffic pauses (due since `since`). */
  const schedule = (uri: string, delay = resolver.for(uri).debounceMs, since?: number) => {
    clearTimeout(timers.get(uri));
    timers.set(
      uri,
      setTimeout(() => {
        const due = since ?? performance.now();
        const wait = traffic.remaining(due);
        if (wait > 0) return schedule(uri, wait, due);
        traffic.noteAnalysis();
        validate(uri);
      }, delay),
    );
  };
  const revalidateAll = () => {
    store.clear();
    carried.clear();
    for (const d of documents.all()) schedule(d.uri, 0);
  };

  connection.onInitialize((params: InitializeParams): InitializeResult => {
    const roots = (params.workspaceFolders ?? []).flatMap((f) =>
      f.uri.startsWith("file:") ? [fileURLToPath(f.uri)] : [],
    );
    resolver = new SettingsResolver(roots, options.baseSettings);
    reported = 0;
    const init = params.initializationOptions as { settings?: unknown } | undefined;
    resolver.setClient(sanitizeSettings(init?.settings ?? init));
    pullConfig = !!params.capabilities.workspace?.configuration;
    inlayRefresh = !!params.capabilities.workspace?.inlayHint?.refreshSupport;
    return {
      capabilities: serverCapabilities(),
      serverInfo: { name: "emqx-acl", version: "0.1.0" },
    };
  });

  const pull = async () => {
    if (!pullConfig) return;
    const cfg = await connection.workspace.getConfiguration("emqx-acl").catch(() => null);
    if (cfg) resolver.setClient(sanitizeSettings(cfg));
  };
  connection.onInitialized(() => void pull().then(revalidateAll));
  connection.onDidChangeConfiguration((p) => {
    const section = (p.settings as Record<string, unknown> | null)?.["emqx-acl"];
    if (section) resolver.setClient(sanitizeSettings(section));
    void (section ? Promise.resolve() : pull()).then(revalidateAll);
  });
  connection.onDidChangeWatchedFiles(() => {
    resolver.invalidate();
    revalidateAll();
  });

  // (onDidChangeContent fires for an open too)
  documents.onDidOpen((e) => schedule(e.document.uri, 0));
  documents.onDidChangeContent((e) => (traffic.noteTraffic(), schedule(e.document.uri)));
  documents.onDidClose((e) => {
    traffic.noteTraffic();
    runner.forget(e.document.uri);
    carried.forget(e.document.uri);
    clearTimeout(timers.get(e.document.uri));
    timers.delete(e.document.uri);
    store.delete(e.document.uri);
    dialects.delete(e.document.uri);
    oversized.delete(e.document.uri);
    wake(e.document.uri); // requests waiting for its analysis go on (with nothing)
    void connection.sendDiagnostics({ uri: e.document.uri, diagnostics: [] });
  });

  registerFeatures({
    connection,
    guard,
    withAnalysis,
    analysisOf,
    analyzed,
    settings: (uri) => resolver.for(uri),
    dialectHint: (uri) => dialects.get(uri),
  });

  if (options.testHooks) {
    connection.onRequest(DOCUMENT_STATE_REQUEST, async (): Promise<DocumentState> => {
      // the worker first: its answer comes after every reply it sent before, so those are in
      const worker = await runner.workerSizes();
      const perDocument: Record<string, number> = {
        timers: timers.size,
        waiters: waiters.size,
        dialects: dialects.size,
        oversized: oversized.size,
        carried: carried.size,
      };
      const add = (prefix: string, sizes: Record<string, number>) => {
        for (const [k, n] of Object.entries(sizes)) perDocument[`${prefix}.${k}`] = n;
      };
      add("store", store.sizes());
      add("runner", runner.sizes());
      add("worker", worker);
      return { open: documents.all().length, perDocument, analysesStarted };
    });
  }

  connection.onShutdown(() => runner.dispose());

  documents.listen(connection);
  connection.listen();
}
