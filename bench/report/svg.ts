// Tiny SVG/HTML string helpers: escaping and element building. Every chart is a string of SVG
// markup, so the report is one self-contained file with no script and no external asset.

/** Escapes text for XML/HTML content and attribute values. */
export function esc(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);
}

/** Attribute values: strings are escaped, numbers are rounded to 0.1, undefined drops the attribute. */
export type Attrs = Readonly<Record<string, string | number | undefined>>;

/** Rounds a coordinate to 0.1 (enough on screen, and it keeps files small). */
export function r1(x: number): string {
  const v = Math.round(x * 10) / 10;
  return Object.is(v, -0) ? '0' : String(v);
}

function attrs(a: Attrs): string {
  let out = '';
  for (const [k, v] of Object.entries(a)) {
    if (v === undefined) continue;
    out += ` ${k}="${typeof v === 'number' ? r1(v) : esc(v)}"`;
  }
  return out;
}

/** An element with attributes and already-rendered children (self-closing when there are none). */
export function el(tag: string, a: Attrs, ...children: string[]): string {
  const inner = children.join('');
  return inner === '' ? `<${tag}${attrs(a)}/>` : `<${tag}${attrs(a)}>${inner}</${tag}>`;
}

/** A text element with escaped content. */
export function text(a: Attrs, content: string): string {
  return `<text${attrs(a)}>${esc(content)}</text>`;
}
