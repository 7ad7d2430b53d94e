/**
 * LSP's shutdown rule, which vscode-jsonrpc leaves to the server: once `shutdown` has been
 * received, every further request is answered with InvalidRequest and every notification
 * but `exit` is dropped. The gate wraps the reader the connection listens to, so no handler
 * runs after shutdown (the messages are queued in order behind it, so deciding when they
 * are read is the same as deciding when they would run).
 */
import {
  AbstractMessageReader,
  ErrorCodes,
  Message,
  type DataCallback,
  type Disposable,
  type MessageReader,
  type MessageWriter,
  type ResponseMessage,
} from "vscode-languageserver/node";

export class ShutdownGate extends AbstractMessageReader {
  private shutdown = false;

  constructor(
    private readonly inner: MessageReader,
    /** Where the InvalidRequest answers go (the connection's own writer). */
    private readonly writer: MessageWriter,
  ) {
    super();
    inner.onError((e) => this.fireError(e));
    inner.onClose(() => this.fireClose());
    inner.onPartialMessage((info) => this.firePartialMessage(info));
  }

  /** Whether the client has sent `shutdown`. */
  get shutdownReceived(): boolean {
    return this.shutdown;
  }

  listen(callback: DataCallback): Disposable {
    return this.inner.listen((message) => {
      if (!this.shutdown) {
        if (Message.isRequest(message) && message.method === "shutdown") this.shutdown = true;
        return callback(message);
      }
      if (Message.isRequest(message)) {
        const refusal: ResponseMessage = {
          jsonrpc: "2.0",
          id: message.id,
          error: {
            code: ErrorCodes.InvalidRequest,
            message: `${message.method}: the server is shutting down (only exit is accepted)`,
          },
        };
        void this.writer.write(refusal).catch(() => undefined);
        return;
      }
      if (Message.isNotification(message) && message.method !== "exit") return;
      callback(message); // exit, and the client's answers to requests the server made
    });
  }

  override dispose(): void {
    super.dispose();
    this.inner.dispose();
  }
}
