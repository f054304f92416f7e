// The fenced code blocks of a rule's doc page, for the tests that lint them (test/docs.test.ts:
// ❌ blocks must report and ✅ blocks must not; test/fix-safety: the ❌ blocks' fixes are safe).

export interface DocsBlock {
  language: 'js' | 'ts';
  /** From ```ts filename="app/x/route.ts"```: rules that read the file name need it. */
  filename?: string;
  code: string;
  /** The `###` or `##` heading the block is under. */
  section: string;
  /** 1-based line of the block's first code line in the page. */
  line: number;
}

/** Fenced js/jsx/ts/tsx blocks with the heading they sit under. */
export function docsBlocks(markdown: string): DocsBlock[] {
  const blocks: DocsBlock[] = [];
  const lines = markdown.split('\n');
  let section = '';
  for (let index = 0; index < lines.length; index += 1) {
    const line = lines[index]!;
    const heading = /^#{2,3} (.*)$/.exec(line);
    if (heading) section = heading[1]!;
    const fence = /^```(js|jsx|ts|tsx)\b(.*)$/.exec(line);
    if (!fence) continue;
    const start = index + 1;
    let end = start;
    while (end < lines.length && lines[end] !== '```') end += 1;
    const filename = /filename="([^"]+)"/.exec(fence[2] ?? '')?.[1];
    blocks.push({
      language: fence[1]!.startsWith('ts') ? 'ts' : 'js',
      ...(filename ? { filename } : {}),
      code: lines.slice(start, end).join('\n'),
      section,
      line: start,
    });
    index = end;
  }
  return blocks;
}
