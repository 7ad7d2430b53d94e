/**
 * Placeholders inside topic strings: where they are (for hover, semantic tokens) and what
 * they render to (acl-language.md §3). Presentation only; the engine decides matching.
 */
export interface PlaceholderSpan {
  /** Offsets into the document. */
  start: number;
  end: number;
  raw: string;
}

/** `${…}` anywhere, and v4 `%u`/`%c`/`%cida`/`%cna` as a whole topic level. */
export function findPlaceholders(literal: string, base: number): PlaceholderSpan[] {
  const out: PlaceholderSpan[] = [];
  for (const m of literal.matchAll(/\$\{[^}"]*\}|%(?:cida|cna|u|c)(?=[/"]|$)/g)) {
    const i = m.index ?? 0;
    if (m[0].startsWith("%") && !/[/"]$/.test(literal.slice(0, i))) continue;
    out.push({ start: base + i, end: base + i + m[0].length, raw: m[0] });
  }
  return out;
}

const V5: Record<string, string> = {
  username:
    'the client\'s username; a client without one renders the text `undefined`, an empty one renders `""` (5.x/6.x)',
  clientid: "the client id",
  cert_common_name: "the CN of the client certificate (5.8.1+); without a certificate this topic filter is skipped",
  zone: "the zone of the client's listener (5.8.2+)",
  $: "a literal `$` (5.3.2+) — but only when the topic also holds an allowed placeholder",
};

const V4: Record<string, string> = {
  "%u": "the client's username, inserted as one whole topic level (v4 only; literal text in 5.x/6.x)",
  "%c": "the client id, inserted as one whole topic level (v4 only; literal text in 5.x/6.x)",
  "%cida": "the client-id alias (v4.4.11+, from the alias-enrichment module; literal text in 5.x/6.x)",
  "%cna": "the certificate common-name alias (v4.4.11+; literal text in 5.x/6.x)",
};

/** Markdown explaining what a placeholder renders to. */
export function explainPlaceholder(raw: string): string {
  if (raw.startsWith("%")) return `\`${raw}\` renders to ${V4[raw] ?? "nothing: literal text"}`;
  const name = raw.slice(2, -1).replace(/^\./, "");
  if (name.startsWith("client_attrs.") && name.length > "client_attrs.".length) {
    return `\`${raw}\` renders to the client attribute \`${name.slice(13)}\` (5.7+); when it is not set this topic filter is skipped`;
  }
  const known = V5[name];
  return known
    ? `\`${raw}\` renders to ${known}`
    : `\`${raw}\` is not a placeholder EMQX substitutes in acl.conf: it stays literal text (allowed: username, clientid, client_attrs.*, cert_common_name, zone)`;
}
