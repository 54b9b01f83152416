import { describe, expect, it } from 'vitest';
import { thrown } from '../provision/builders.js';
import { UsageError } from '../../src/base/errors.js';
import {
  compareVersions,
  findUnmetComparison,
  formatVersion,
  parseVersion,
  parseVersionConstraint,
} from '../../src/cli/version-constraint.js';

function satisfies(version: string, constraint: string): boolean {
  return findUnmetComparison(parseVersion(version)!, parseVersionConstraint(constraint)) === undefined;
}

describe('parseVersionConstraint: which versions satisfy a constraint', () => {
  it.each<{ name: string; constraint: string; yes: string[]; no: string[] }>([
    { name: 'bare version: exactly it', constraint: '0.1.0', yes: ['0.1.0'], no: ['0.1.1', '0.0.9', '0.1.0-rc.1'] },
    { name: '= and a leading v (score-k8s)', constraint: '=v1.2.3', yes: ['1.2.3'], no: ['1.2.4'] },
    { name: '>=', constraint: '>=0.1.0', yes: ['0.1.0', '0.1.1', '2.0.0'], no: ['0.0.9', '0.1.0-rc.1'] },
    { name: '>', constraint: '>1.2.3', yes: ['1.2.4', '1.3.0-rc.1'], no: ['1.2.3'] },
    { name: '<', constraint: '<1.0.0', yes: ['0.9.9', '1.0.0-rc.1'], no: ['1.0.0'] },
    { name: '<=', constraint: '<=1.0.0', yes: ['1.0.0', '0.1.0'], no: ['1.0.1'] },
    { name: 'partial >=: missing numbers are 0 (score-k8s >=1.1)', constraint: '>=1.1', yes: ['1.1.0', '1.2.0'], no: ['1.0.9'] },
    { name: 'partial >=1', constraint: '>=1', yes: ['1.0.0'], no: ['0.9.9'] },
    { name: 'partial >: above every version it starts (score-k8s >v1.2)', constraint: '>v1.2', yes: ['1.3.0'], no: ['1.2.0', '1.2.9'] },
    { name: 'partial >1', constraint: '>1', yes: ['2.0.0'], no: ['1.9.9'] },
    { name: 'partial <: below its first version', constraint: '<1.2', yes: ['1.1.9'], no: ['1.2.0', '1.2.0-rc.1'] },
    { name: 'partial <=: up to its last version', constraint: '<=1.2', yes: ['1.2.9'], no: ['1.3.0', '1.3.0-rc.1'] },
    { name: 'partial bare: any version it starts', constraint: '0.1', yes: ['0.1.0', '0.1.7'], no: ['0.2.0', '0.0.9'] },
    { name: 'partial =1', constraint: '=1', yes: ['1.0.0', '1.9.0'], no: ['2.0.0'] },
    { name: '^ keeps the major', constraint: '^1.2.3', yes: ['1.2.3', '1.9.0'], no: ['2.0.0', '1.2.2', '2.0.0-rc.1'] },
    { name: '^ below 1 keeps the minor', constraint: '^0.2.3', yes: ['0.2.3', '0.2.9'], no: ['0.3.0', '0.2.2'] },
    { name: '^0.0.3 keeps the patch', constraint: '^0.0.3', yes: ['0.0.3'], no: ['0.0.4'] },
    { name: '^ partial', constraint: '^0.2', yes: ['0.2.0', '0.2.5'], no: ['0.3.0', '0.1.9'] },
    { name: '^0', constraint: '^0', yes: ['0.0.0', '0.9.9'], no: ['1.0.0'] },
    { name: '^0.0', constraint: '^0.0', yes: ['0.0.9'], no: ['0.1.0'] },
    { name: '~ keeps the minor', constraint: '~1.2.3', yes: ['1.2.3', '1.2.9'], no: ['1.3.0', '1.2.2'] },
    { name: '~ partial major keeps the major', constraint: '~1', yes: ['1.0.0', '1.5.0'], no: ['2.0.0'] },
    { name: '~ partial minor', constraint: '~0.1', yes: ['0.1.0', '0.1.4'], no: ['0.2.0'] },
    { name: 'several comparators: all must hold', constraint: '>=0.1.0 <0.3', yes: ['0.1.0', '0.2.9'], no: ['0.0.9', '0.3.0'] },
    { name: 'a space after the operator', constraint: '>= 0.1 < 1', yes: ['0.5.0'], no: ['1.0.0'] },
    { name: 'commas between comparators', constraint: '>=0.1,<0.2', yes: ['0.1.5'], no: ['0.2.0'] },
    { name: 'surrounding spaces', constraint: '  >=0.1.0  ', yes: ['0.1.0'], no: ['0.0.1'] },
    { name: 'prerelease in a constraint', constraint: '>=1.0.0-rc.2', yes: ['1.0.0-rc.10', '1.0.0'], no: ['1.0.0-rc.1', '1.0.0-beta'] },
    { name: 'build metadata is ignored', constraint: '=1.0.0+build.5', yes: ['1.0.0'], no: ['1.0.1'] },
  ])('$name ($constraint)', ({ constraint, yes, no }) => {
    expect(yes.filter((v) => !satisfies(v, constraint))).toEqual([]);
    expect(no.filter((v) => satisfies(v, constraint))).toEqual([]);
  });
});

describe('parseVersionConstraint: malformed constraints are usage errors', () => {
  const hint = 'write comparators such as >=0.1.0, ^0.2 or ~1.2.3; several, separated by spaces, must all hold';
  it.each<{ name: string; constraint: string; message: string }>([
    { name: 'empty', constraint: '', message: `the version constraint is empty: ${hint}` },
    { name: 'only spaces', constraint: '   ', message: `the version constraint is empty: ${hint}` },
    { name: 'operator without a version', constraint: '>=', message: `invalid version constraint '>=': '>=' has no version; ${hint}` },
    { name: 'not a number', constraint: '>=a.b', message: `invalid version constraint '>=a.b': 'a.b' is not a version; ${hint}` },
    { name: 'four numbers', constraint: '1.2.3.4', message: `invalid version constraint '1.2.3.4': '1.2.3.4' is not a version; ${hint}` },
    { name: 'an empty number', constraint: '1..1', message: `invalid version constraint '1..1': '1..1' is not a version; ${hint}` },
    { name: 'a leading zero', constraint: '01.2.3', message: `invalid version constraint '01.2.3': '01.2.3' is not a version; ${hint}` },
    { name: 'reversed operator', constraint: '=>1.0', message: `invalid version constraint '=>1.0': '>1.0' is not a version; ${hint}` },
    {
      name: 'alternatives',
      constraint: '^0.1 || ^0.2',
      message: `invalid version constraint '^0.1 || ^0.2': '||' is not a version; ${hint}`,
    },
    { name: 'a wildcard', constraint: '0.1.x', message: `invalid version constraint '0.1.x': '0.1.x' is not a version; ${hint}` },
    {
      name: 'a prerelease on a partial version',
      constraint: '1.2-rc.1',
      message: `invalid version constraint '1.2-rc.1': '1.2-rc.1' is not a version; ${hint}`,
    },
  ])('$name ($constraint)', ({ constraint, message }) => {
    const error = thrown(() => parseVersionConstraint(constraint));
    expect(error).toBeInstanceOf(UsageError);
    expect(error.message).toBe(message);
  });
});

describe('findUnmetComparison: the comparison that fails, for the message', () => {
  it.each([
    { name: 'lower bound', version: '0.1.0', constraint: '>=0.2.0', unmet: '>= 0.2.0' },
    { name: 'upper bound of ^', version: '0.3.0', constraint: '^0.2', unmet: '< 0.3.0-0' },
    { name: 'exact', version: '0.1.0', constraint: '=0.1.1', unmet: '= 0.1.1' },
    { name: 'none', version: '0.1.0', constraint: '>=0.1 <1', unmet: undefined },
  ])('$name', ({ version, constraint, unmet }) => {
    const found = findUnmetComparison(parseVersion(version)!, parseVersionConstraint(constraint));
    expect(found && `${found.operator} ${formatVersion(found.version)}`).toBe(unmet);
  });
});

describe('parseVersion and compareVersions', () => {
  it.each([
    { name: 'release', text: '0.1.0', parsed: '0.1.0' },
    { name: 'leading v and prerelease', text: 'v1.2.3-rc.1', parsed: '1.2.3-rc.1' },
    { name: 'partial is not a full version', text: '1.2', parsed: undefined },
    { name: 'garbage', text: 'latest', parsed: undefined },
  ])('parses $name', ({ text, parsed }) => {
    const version = parseVersion(text);
    expect(version && formatVersion(version)).toBe(parsed);
  });

  it('orders versions by semver precedence', () => {
    const ordered = [
      '1.0.0-alpha',
      '1.0.0-alpha.1',
      '1.0.0-alpha.beta',
      '1.0.0-beta',
      '1.0.0-beta.2',
      '1.0.0-beta.11',
      '1.0.0-rc.1',
      '1.0.0',
      '1.0.1',
      '1.1.0',
      '2.0.0',
    ];
    const shuffled = [...ordered].reverse();
    expect(shuffled.sort((a, b) => compareVersions(parseVersion(a)!, parseVersion(b)!))).toEqual(ordered);
  });
});
