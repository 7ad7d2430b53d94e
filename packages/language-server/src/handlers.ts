/**
 * One handler per LSP feature, each delegating to its pure `provideX(analysis, …)`; the
 * server (`server.ts`) supplies the analysis of the current version and the settings.
 */
import type { DocumentAnalysis } from "@emqx-acl/analysis";
import {
  CodeActionKind,
  MessageType,
  ShowMessageNotification,
  TextDocumentSyncKind,
  type Connection,
  type ServerCapabilities,
} from "vscode-languageserver";
import { MIGRATE_KIND, provideCodeActions } from "./code-actions";
import { provideCompletion } from "./completion";
import { provideExplanation } from "./explain";
import { provideFoldingRanges } from "./folding";
import { provideFormatting } from "./formatting";
import { provideHover } from "./hover";
import { provideInlayHints } from "./inlay-hints";
import { provideReachabilityReport } from "./reachability-report";
import { provideSemanticTokens, semanticLegend } from "./semantic-tokens";
import type { Settings } from "./settings";
import { provideDocumentSymbols } from "./symbols";
import { isDialect } from "@emqx-acl/core";

/** Server-side commands (ids differ from the extension's own, which call these). */
export const COMMANDS = {
  showReachability: "emqx-acl.server.showReachability",
  explain: "emqx-acl.server.explain",
} as const;

export interface HandlerContext {
  connection: Connection;
  /** Runs `fn`, logging and answering `fallback` if it throws. */
  guard<T>(what: string, fallback: T, fn: () => T): T;
  /** `guard` with the analysis of the document's current version. */
  withAnalysis<T>(what: string, uri: string, fallback: T, fn: (a: DocumentAnalysis) => T): T;
  analysisOf(uri: string): DocumentAnalysis | null;
  /** Resolves once the complete diagnostics of the current version are in (or after `ms`). */
  analyzed(uri: string, ms: number): Promise<void>;
  settings(uri: string): Settings;
  /** The dialect the last complete analysis used, if any. */
  dialectHint(uri: string): string | undefined;
}

export function serverCapabilities(): ServerCapabilities {
  return {
    textDocumentSync: TextDocumentSyncKind.Incremental,
    hoverProvider: true,
    codeActionProvider: {
      codeActionKinds: [
        CodeActionKind.QuickFix,
        CodeActionKind.RefactorRewrite,
        CodeActionKind.SourceFixAll,
        MIGRATE_KIND,
      ],
    },
    documentFormattingProvider: true,
    documentSymbolProvider: true,
    foldingRangeProvider: true,
    semanticTokensProvider: { legend: semanticLegend, full: true, range: true },
    completionProvider: { triggerCharacters: ["{", "$", "%", ",", '"', "["] },
    inlayHintProvider: true,
    executeCommandProvider: { commands: Object.values(COMMANDS) },
  };
}

/** Registers every feature handler on the connection. */
export function registerFeatures(ctx: HandlerContext): void {
  const { connection, guard, withAnalysis, analysisOf, analyzed, settings, dialectHint } = ctx;
  connection.onHover((p) => withAnalysis("hover", p.textDocument.uri, null, (a) => provideHover(a, p.position)));
  // code actions need the lint fixes: wait (briefly) for the complete diagnostics
  connection.onCodeAction(async (p) => {
    await analyzed(p.textDocument.uri, 3000);
    return withAnalysis("code actions", p.textDocument.uri, [], (a) =>
      provideCodeActions(a, p.textDocument.uri, p.range, p.context.only),
    );
  });
  connection.onDocumentFormatting((p) =>
    withAnalysis("formatting", p.textDocument.uri, [], (a) => {
      const r = provideFormatting(a);
      if ("error" in r) {
        void connection.sendNotification(ShowMessageNotification.type, {
          type: MessageType.Warning,
          message: `emqx-acl: ${r.error}`,
        });
        return [];
      }
      return r.edits;
    }),
  );
  connection.onDocumentSymbol((p) => withAnalysis("symbols", p.textDocument.uri, [], provideDocumentSymbols));
  connection.onFoldingRanges((p) => withAnalysis("folding", p.textDocument.uri, [], provideFoldingRanges));
  connection.languages.semanticTokens.on((p) =>
    withAnalysis("semantic tokens", p.textDocument.uri, { data: [] }, (a) => provideSemanticTokens(a)),
  );
  connection.languages.semanticTokens.onRange((p) =>
    withAnalysis("semantic tokens", p.textDocument.uri, { data: [] }, (a) => provideSemanticTokens(a, p.range)),
  );
  connection.onCompletion((p) =>
    withAnalysis("completion", p.textDocument.uri, [], (a) => {
      const setting = settings(p.textDocument.uri).dialect;
      const known = dialectHint(p.textDocument.uri);
      const d = setting === "auto" && isDialect(known) ? known : setting;
      return provideCompletion(a, p.position, d);
    }),
  );
  connection.languages.inlayHint.on((p) =>
    withAnalysis("inlay hints", p.textDocument.uri, [], (a) =>
      settings(p.textDocument.uri).inlayHints ? provideInlayHints(a, p.range) : [],
    ),
  );
  connection.onExecuteCommand((p) =>
    guard("command", null, () => {
      const uri = typeof p.arguments?.[0] === "string" ? p.arguments[0] : null;
      if (p.command === COMMANDS.showReachability && uri) {
        const a = analysisOf(uri);
        return a ? provideReachabilityReport(a) : null;
      }
      if (p.command === COMMANDS.explain && uri) {
        const a = analysisOf(uri);
        return a ? provideExplanation(a, p.arguments?.[1]) : null;
      }
      return null;
    }),
  );
}
