/** The pieces of markdown the bench report is written in. */

/** A report section: a blank line, its heading, a blank line, then the body. */
export function section(title: string, ...body: string[]): string[] {
  return ['', `### ${title}`, '', ...body];
}

export type Cell = string | number;
/** A table column; `numbers` right-aligns it. */
export type Column = string | { readonly numbers: string };

export function numbers(heading: string): Column {
  return { numbers: heading };
}

/** A markdown table: the headings, the row that aligns each column, then the rows. */
export function table(columns: readonly Column[], rows: readonly (readonly Cell[])[]): string[] {
  return [
    tableRow(columns.map((c) => (typeof c === 'string' ? c : c.numbers))),
    tableRow(columns.map((c) => (typeof c === 'string' ? '---' : '---:'))),
    ...rows.map(tableRow),
  ];
}

function tableRow(cells: readonly Cell[]): string {
  return `| ${cells.join(' | ')} |`;
}

export function codeBlock(text: string): string[] {
  return ['```', text, '```'];
}
