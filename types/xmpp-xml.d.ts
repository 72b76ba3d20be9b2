// Minimal types for the XML parser of @xmpp/xml (the package ships none), used to read XEP-0227 documents.
declare module "@xmpp/xml/lib/parse.js" {
  export interface XmlElement {
    name: string;
    attrs: Record<string, string | undefined>;
    children: (XmlElement | string)[];
    getChild(name: string, xmlns?: string): XmlElement | undefined;
    getChildren(name: string, xmlns?: string): XmlElement[];
    getChildText(name: string, xmlns?: string): string | null;
    toString(): string;
  }
  export default function parse(data: string): XmlElement;
}
