// Minimal types for the parts of @xmpp/client the benchmark uses (the package ships none).
declare module "@xmpp/client" {
  interface Element {
    attrs: Record<string, string | undefined>;
    getChild(name: string, xmlns?: string): Element | undefined;
    toString(): string;
  }
  interface Client {
    on(event: string, listener: (...args: unknown[]) => void): void;
    start(): Promise<unknown>;
    stop(): Promise<void>;
    iqCaller: { request(stanza: Element, timeout?: number): Promise<Element> };
  }
  export function client(options: {
    service: string;
    domain?: string;
    username?: string;
    password?: string;
    resource?: string;
  }): Client;
  export function xml(
    name: string,
    attrs?: Record<string, string | undefined>,
    ...children: (Element | string)[]
  ): Element;
}
