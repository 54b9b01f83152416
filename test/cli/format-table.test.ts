/** Tables fit the width they are given: lists wrap, other cells are cut with '…', never the key columns. */
import { describe, expect, it } from 'vitest';
import { checkFormat, formatTable, type Column } from '../../src/cli/format.js';
import { UsageError } from '../../src/base/errors.js';
import { runCli } from '../../src/cli/main.js';
import { tempProject } from '../support/run-cli.js';

interface Row {
  type: string;
  params: string[];
  source: string;
  description: string;
}

const ROWS: Row[] = [
  {
    type: 'postgres-instance',
    params: ['username', 'storage', 'storageClassName'],
    source: 'provisioners/data-services.provisioners.yaml:272',
    description: 'Development-grade PostgreSQL 17 server.',
  },
  { type: 'dns', params: [], source: 'x.yaml:3', description: '' },
];
const COLUMNS: ReadonlyArray<Column<Row>> = [
  { key: 'type', keep: true },
  { key: 'params' },
  { key: 'source', keepEnd: true },
  { key: 'description' },
];

describe('formatTable', () => {
  it('a column that may leave the table leaves, in its order, rather than be cut below a readable width', () => {
    const leaving: ReadonlyArray<Column<Row>> = [
      { key: 'type', keep: true },
      { key: 'params' },
      { key: 'source', keepEnd: true, leaveOrder: 2 },
      { key: 'description', leaveOrder: 1 },
    ];
    const at = (width: number) => formatTable(ROWS, leaving, width);
    expect(at(200).hidden).toEqual([]);
    // At 80 the cut text is still readable: nothing leaves.
    expect(at(80).hidden).toEqual([]);
    expect(at(60)).toEqual({
      cut: true,
      hidden: ['DESCRIPTION'],
      text: [
        'TYPE               PARAMS               SOURCE',
        'postgres-instance  username,storage,    …visioners.yaml:272',
        '                   storageClassName',
        'dns                -                    x.yaml:3',
        '',
      ].join('\n'),
    });
    expect(at(40)).toEqual({
      cut: false,
      hidden: ['SOURCE', 'DESCRIPTION'],
      text: [
        'TYPE               PARAMS',
        'postgres-instance  username,storage,',
        '                   storageClassName',
        'dns                -',
        '',
      ].join('\n'),
    });
  });

  it.each<{ name: string; width: number; text: string; cut: boolean }>([
    {
      name: 'wide enough: every cell whole',
      width: 200,
      cut: false,
      text: [
        'TYPE               PARAMS                             SOURCE                                            DESCRIPTION',
        'postgres-instance  username,storage,storageClassName  provisioners/data-services.provisioners.yaml:272  Development-grade PostgreSQL 17 server.',
        'dns                -                                  x.yaml:3                                          -',
      ].join('\n'),
    },
    {
      name: '80 columns: the widest columns are held to one width; a list wraps at its commas, text is cut, a file keeps its end',
      width: 80,
      cut: true,
      text: [
        'TYPE               PARAMS               SOURCE               DESCRIPTION',
        'postgres-instance  username,storage,    …visioners.yaml:272  Development-grade …',
        '                   storageClassName',
        'dns                -                    x.yaml:3             -',
      ].join('\n'),
    },
    {
      name: 'too narrow for the minimums: the key column stays whole, a list keeps its longest item, other text 6 characters or its header',
      width: 30,
      cut: true,
      text: [
        'TYPE               PARAMS             SOURCE  DESCRIPTION',
        'postgres-instance  username,storage,  …l:272  Developmen…',
        '                   storageClassName',
        'dns                -                  …aml:3  -',
      ].join('\n'),
    },
  ])('$name', ({ width, text, cut }) => {
    const table = formatTable(ROWS, COLUMNS, width);
    expect(table).toEqual({ text: `${text}\n`, cut, hidden: [] });
    if (width >= 80) for (const line of table.text.split('\n')) expect(line.length).toBeLessThanOrEqual(width);
  });
});

describe('checkFormat', () => {
  it.each<{ name: string; value: string; allowed: string[]; message: string }>([
    { name: 'two values', value: 'xml', allowed: ['mermaid', 'dot'], message: '--format xml is not known: use mermaid or dot' },
    {
      name: 'three values',
      value: 'toml',
      allowed: ['yaml', 'json', 'kyaml'],
      message: '--format toml is not known: use yaml, json or kyaml',
    },
  ])('$name', ({ value, allowed, message }) => {
    expect(() => checkFormat(value, allowed)).toThrow(new UsageError(message));
  });
});

describe('provisioners list fits the terminal the CLI says stdout is', () => {
  it.each([160, 300])('%i columns', async (columns) => {
    let stdout = '';
    let stderr = '';
    const code = await runCli(['provisioners', 'list'], {
      cwd: tempProject(),
      env: { NO_COLOR: '1' },
      stdout: (t) => (stdout += t),
      stderr: (t) => (stderr += t),
      stderrIsTTY: false,
      stdoutColumns: columns,
    });
    expect(code).toBe(0);
    const lines = stdout.trimEnd().split('\n');
    expect(Math.max(...lines.map((l) => l.length))).toBeLessThanOrEqual(columns);
    expect(lines.some((l) => l.length > columns - 10)).toBe(true);
    expect(stderr).toBe(`some cells are cut to fit ${columns} columns; --format yaml or json shows them in full\n`);
  });

  it('80 columns: the SOURCE and DESCRIPTION columns leave rather than show a few characters each', async () => {
    let stdout = '';
    let stderr = '';
    await runCli(['provisioners', 'list'], {
      cwd: tempProject(),
      env: { NO_COLOR: '1' },
      stdout: (t) => (stdout += t),
      stderr: (t) => (stderr += t),
      stderrIsTTY: false,
      stdoutColumns: 80,
    });
    expect(stdout.split('\n')[0]).toBe('TYPE               CLASS    ID     PARAMS                 OUTPUTS');
    expect(stderr).toBe('the SOURCE and DESCRIPTION columns are left out to fit 80 columns; --format yaml or json shows everything\n');
  });
});
