import { describe, expect, it } from 'vitest';
import { nameProblem } from '../../src/render/name-rules.js';

const a = (n: number) => 'a'.repeat(n);
const LABEL_CHARS = "lowercase letters, digits and '-', starting and ending with a letter or digit";
const SUBDOMAIN_CHARS = "lowercase letters, digits, '-' and '.', starting and ending with a letter or digit";
const SERVICE_CHARS = "lowercase letters, digits and '-', starting with a letter and ending with a letter or digit";

describe('nameProblem', () => {
  it.each<{ name: string; kind: string; objectName: string; expected: string | undefined }>([
    { name: 'Service of 63 characters', kind: 'Service', objectName: a(63), expected: undefined },
    {
      name: 'Service of 64 characters',
      kind: 'Service',
      objectName: a(64),
      expected: `a Service name has at most 63 characters, and '${a(64)}' has 64`,
    },
    {
      name: 'Service starting with a digit (DNS-1035)',
      kind: 'Service',
      objectName: '1pay',
      expected: `'1pay' cannot be a Service name: use ${SERVICE_CHARS}`,
    },
    { name: 'Service with a dot', kind: 'Service', objectName: 'a.b', expected: `'a.b' cannot be a Service name: use ${SERVICE_CHARS}` },
    { name: 'StatefulSet of 52 characters', kind: 'StatefulSet', objectName: a(52), expected: undefined },
    {
      name: 'StatefulSet of 53 characters',
      kind: 'StatefulSet',
      objectName: a(53),
      expected: `a StatefulSet name has at most 52 characters (Kubernetes adds 11 to label each pod with its revision), and '${a(53)}' has 53`,
    },
    {
      name: 'StatefulSet with a dot (its pods are hostnames)',
      kind: 'StatefulSet',
      objectName: 'a.b',
      expected: `'a.b' cannot be a StatefulSet name: use ${LABEL_CHARS}`,
    },
    { name: 'CronJob of 52 characters', kind: 'CronJob', objectName: a(52), expected: undefined },
    {
      name: 'CronJob of 53 characters',
      kind: 'CronJob',
      objectName: a(53),
      expected: `a CronJob name has at most 52 characters (Kubernetes adds 11 to name each Job it starts), and '${a(53)}' has 53`,
    },
    { name: 'Job of 63 characters', kind: 'Job', objectName: a(63), expected: undefined },
    {
      name: 'Job of 64 characters',
      kind: 'Job',
      objectName: a(64),
      expected: `a Job name has at most 63 characters (its pods carry the name in a label), and '${a(64)}' has 64`,
    },
    {
      name: 'Namespace of 64 characters',
      kind: 'Namespace',
      objectName: a(64),
      expected: `a Namespace name has at most 63 characters, and '${a(64)}' has 64`,
    },
    { name: 'Deployment of 253 characters with dots', kind: 'Deployment', objectName: `${a(126)}.${a(126)}`, expected: undefined },
    {
      name: 'ConfigMap of 254 characters',
      kind: 'ConfigMap',
      objectName: a(254),
      expected: `a ConfigMap name has at most 253 characters, and '${a(254)}' has 254`,
    },
    { name: 'Secret with upper case', kind: 'Secret', objectName: 'Db', expected: `'Db' cannot be a Secret name: use ${SUBDOMAIN_CHARS}` },
    {
      name: 'PersistentVolumeClaim with a trailing dash',
      kind: 'PersistentVolumeClaim',
      objectName: 'data-',
      expected: `'data-' cannot be a PersistentVolumeClaim name: use ${SUBDOMAIN_CHARS}`,
    },
    { name: 'a kind not listed is not checked', kind: 'ClusterRole', objectName: 'system:reader', expected: undefined },
    { name: 'a prototype key is not a kind', kind: 'constructor', objectName: 'X', expected: undefined },
  ])('$name', ({ kind, objectName, expected }) => {
    expect(nameProblem(kind, objectName)).toBe(expected);
  });
});
