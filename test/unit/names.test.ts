import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { carriedAnnotations, dnsLabel, selectorLabels, serviceName, shortHash, workloadLabels } from '../../src/convert/names.js';

const sha = (text: string) => createHash('sha256').update(text).digest('hex');
const a = (n: number) => 'a'.repeat(n);
const DNS_1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DNS_1035_LABEL = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;

describe('shortHash', () => {
  it.each<{ name: string; text: string; length?: number; expected: string }>([
    { name: 'default length is 8 hex digits of sha256', text: 'x', expected: sha('x').slice(0, 8) },
    { name: 'custom length', text: 'x', length: 4, expected: sha('x').slice(0, 4) },
    { name: 'known value', text: 'web', expected: '4b5e57f6' },
  ])('$name', ({ text, length, expected }) => {
    expect(length === undefined ? shortHash(text) : shortHash(text, length)).toBe(expected);
  });
});

describe('dnsLabel', () => {
  it.each<{ name: string; base: string; suffix?: string; expected: string }>([
    { name: 'valid name unchanged', base: 'web', expected: 'web' },
    { name: 'suffix appended', base: 'web', suffix: '-config', expected: 'web-config' },
    { name: 'lower-cased, invalid runs become one dash', base: 'Web_App', expected: 'web-app' },
    { name: 'dots become dashes', base: 'ab', suffix: '.x', expected: 'ab-x' },
    { name: 'leading and trailing dashes dropped', base: '--web--', expected: 'web' },
    { name: 'nothing left gives x', base: '---', expected: 'x' },
    { name: 'empty gives x', base: '', expected: 'x' },
    { name: 'may start with a digit', base: '1web', expected: '1web' },
    { name: '63 characters fit', base: a(63), expected: a(63) },
    { name: '64 characters are cut and hashed', base: a(64), expected: `${a(54)}-${sha(a(64)).slice(0, 8)}` },
    { name: 'suffix counts towards the limit', base: a(60), suffix: '-config', expected: `${a(54)}-${sha(`${a(60)}-config`).slice(0, 8)}` },
    {
      name: 'dashes at the cut are dropped',
      base: `${a(52)}---${'b'.repeat(20)}`,
      expected: `${a(52)}-${sha(`${a(52)}---${'b'.repeat(20)}`).slice(0, 8)}`,
    },
  ])('$name', ({ base, suffix, expected }) => {
    const label = suffix === undefined ? dnsLabel(base) : dnsLabel(base, suffix);
    expect(label).toBe(expected);
    expect(label.length).toBeLessThanOrEqual(63);
    expect(label).toMatch(DNS_1123_LABEL);
  });

  it('is stable and keeps long names apart', () => {
    expect(dnsLabel(`${a(70)}-one`)).toBe(dnsLabel(`${a(70)}-one`));
    expect(dnsLabel(`${a(70)}-one`)).not.toBe(dnsLabel(`${a(70)}-two`));
    expect(dnsLabel(a(70), '-one')).toBe(dnsLabel(`${a(70)}-one`));
  });
});

describe('serviceName', () => {
  it.each<{ name: string; workload: string; suffix?: string; expected: string }>([
    { name: 'starts with a letter', workload: 'web', expected: 'web' },
    { name: 'with suffix', workload: 'web', suffix: '-headless', expected: 'web-headless' },
    { name: 'starts with a digit: prefixed', workload: '1web', expected: 'svc-1web' },
    { name: 'digits only: prefixed', workload: '9', expected: 'svc-9' },
    { name: 'digit with suffix', workload: '1web', suffix: '-headless', expected: 'svc-1web-headless' },
    { name: 'long name: cut and hashed', workload: a(70), expected: `${a(54)}-${sha(a(70)).slice(0, 8)}` },
    {
      name: 'long name starting with a digit: prefixed, then cut and hashed',
      workload: `1${a(70)}`,
      expected: `svc-1${a(49)}-${sha(`svc-1${a(70)}`).slice(0, 8)}`,
    },
  ])('$name', ({ workload, suffix, expected }) => {
    const name = suffix === undefined ? serviceName(workload) : serviceName(workload, suffix);
    expect(name).toBe(expected);
    expect(name.length).toBeLessThanOrEqual(63);
    expect(name).toMatch(DNS_1035_LABEL);
  });
});

describe('labels', () => {
  it('workloadLabels names the workload and the manager', () => {
    expect(workloadLabels('web')).toEqual({
      'app.kubernetes.io/name': 'web',
      'app.kubernetes.io/instance': 'web',
      'app.kubernetes.io/managed-by': 'score-ts',
      'score-ts.dev/workload': 'web',
    });
  });

  it('selectorLabels selects by instance only', () => {
    expect(selectorLabels('web')).toEqual({ 'app.kubernetes.io/instance': 'web' });
  });
});

describe('carriedAnnotations', () => {
  it.each<{ name: string; annotations: Record<string, string> | undefined; expected: Record<string, string> | undefined }>([
    { name: 'none', annotations: undefined, expected: undefined },
    { name: 'empty', annotations: {}, expected: undefined },
    { name: 'only control annotations', annotations: { 'k8s.score.dev/kind': 'StatefulSet' }, expected: undefined },
    {
      name: 'control annotations dropped, others kept',
      annotations: { 'k8s.score.dev/kind': 'StatefulSet', 'example.com/owner': 'a', team: 'b' },
      expected: { 'example.com/owner': 'a', team: 'b' },
    },
    {
      name: 'only the exact k8s.score.dev/ prefix is dropped',
      annotations: { 'k8s.score.dev': 'x', 'score.dev/x': 'y', 'sub.k8s.score.dev/z': 'z', 'k8s.score.dev/anything': 'w' },
      expected: { 'k8s.score.dev': 'x', 'score.dev/x': 'y', 'sub.k8s.score.dev/z': 'z' },
    },
  ])('$name', ({ annotations, expected }) => {
    expect(carriedAnnotations(annotations)).toEqual(expected);
  });
});
