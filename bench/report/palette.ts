// Colours that stay distinguishable for colour-blind readers (Okabe & Ito), in a fixed order so
// a variant keeps its colour across every chart of a scenario.
const COLORS = ['#0072B2', '#D55E00', '#009E73', '#CC79A7', '#E69F00', '#56B4E9', '#000000', '#999999'] as const;

/** The colour of the `i`-th series (cycling). */
export function color(i: number): string {
  return COLORS[i % COLORS.length] as string;
}

/** Dash patterns for the `i`-th metric drawn per variant (solid first). */
export function dash(i: number): string | undefined {
  return [undefined, '6 3', '2 3', '8 3 2 3'][i % 4];
}
