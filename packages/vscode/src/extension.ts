/**
 * The VS Code client: starts the bundled language server (`dist/server.cjs`) over stdio
 * and adds the commands Explain request…, Format and Show reachability.
 */
import * as vscode from "vscode";
import {
  ExecuteCommandRequest,
  LanguageClient,
  TransportKind,
  type LanguageClientOptions,
  type ServerOptions,
} from "vscode-languageclient/node";

let client: LanguageClient | undefined;
let output: vscode.OutputChannel | undefined;

function serverOptions(context: vscode.ExtensionContext): ServerOptions {
  const custom = vscode.workspace.getConfiguration("emqx-acl").get<string>("server.path");
  const module = custom || context.asAbsolutePath("dist/server.cjs");
  return {
    run: { module, transport: TransportKind.stdio },
    debug: { module, transport: TransportKind.stdio, options: { execArgv: ["--inspect=6010"] } },
  };
}

function clientOptions(): LanguageClientOptions {
  return {
    documentSelector: [{ language: "emqx-acl" }],
    synchronize: {
      configurationSection: "emqx-acl",
      fileEvents: vscode.workspace.createFileSystemWatcher("**/.emqx-acl.json"),
    },
    initializationOptions: { settings: vscode.workspace.getConfiguration("emqx-acl") },
  };
}

/** The active emqx-acl editor, or a message saying there is none. */
function activeAclEditor(): vscode.TextEditor | undefined {
  const editor = vscode.window.activeTextEditor;
  if (editor?.document.languageId === "emqx-acl") return editor;
  void vscode.window.showInformationMessage("Open an EMQX acl.conf file first.");
  return undefined;
}

async function showReachability(): Promise<void> {
  const editor = activeAclEditor();
  if (!editor || !client) return;
  const report = await client.sendRequest(ExecuteCommandRequest.type, {
    command: "emqx-acl.server.showReachability",
    arguments: [editor.document.uri.toString()],
  });
  output ??= vscode.window.createOutputChannel("EMQX ACL");
  output.clear();
  output.appendLine(String(report ?? "no analysis"));
  output.show(true);
}

/** Asks for the request step by step; Escape cancels. */
async function askRequest(): Promise<Record<string, unknown> | undefined> {
  const action = await vscode.window.showQuickPick(["publish", "subscribe"], { placeHolder: "Action" });
  if (!action) return undefined;
  const topic = await vscode.window.showInputBox({
    prompt: action === "publish" ? "Topic" : "Topic filter",
    placeHolder: "sensors/1/temp",
  });
  if (topic === undefined) return undefined;
  const username = await vscode.window.showInputBox({ prompt: "Username (leave empty for none)" });
  if (username === undefined) return undefined;
  const clientid = await vscode.window.showInputBox({ prompt: "Client id", value: "client-1" });
  if (clientid === undefined) return undefined;
  const peerhost = await vscode.window.showInputBox({
    prompt: "Peer address (leave empty for none)",
    placeHolder: "10.0.0.7",
  });
  if (peerhost === undefined) return undefined;
  return { action, topic, username: username || null, clientid, peerhost: peerhost || null };
}

async function explain(): Promise<void> {
  const editor = activeAclEditor();
  if (!editor || !client) return;
  const request = await askRequest();
  if (!request) return;
  const r = (await client.sendRequest(ExecuteCommandRequest.type, {
    command: "emqx-acl.server.explain",
    arguments: [editor.document.uri.toString(), request],
  })) as { text: string; decision: string | null } | null;
  output ??= vscode.window.createOutputChannel("EMQX ACL");
  output.appendLine(`${JSON.stringify(request)}\n${r?.text ?? "no analysis"}\n`);
  output.show(true);
  if (r?.decision) void vscode.window.showInformationMessage(r.text.split("\n")[0]);
}

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  client = new LanguageClient("emqx-acl", "EMQX ACL", serverOptions(context), clientOptions());
  context.subscriptions.push(
    vscode.commands.registerCommand("emqx-acl.explain", explain),
    vscode.commands.registerCommand("emqx-acl.showReachability", showReachability),
    vscode.commands.registerCommand("emqx-acl.format", () =>
      vscode.commands.executeCommand("editor.action.formatDocument"),
    ),
    vscode.commands.registerCommand("emqx-acl.restartServer", () => client?.restart()),
  );
  await client.start();
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}
