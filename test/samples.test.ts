/**
 * The Score project's sample apps (../shared/corpus/samples: Online Boutique, AKS Store Demo), generated the
 * way their Makefiles run score-k8s, as a person following score.dev's documentation would: the same files,
 * in the same order, with the same flags, and nothing else (score-ts's built-ins stand in for the community
 * provisioners that `score-k8s init` installs). Every sample folder with a Makefile is tried, so another
 * sample app is tested by adding its folder.
 *
 * What must hold for each: every step succeeds and writes every workload the project knows so far (a
 * `generate` with files adds them to the project); the manifests pass the Kubernetes checks; the override
 * flags of a step still hold after later steps; `generate` without files gives the same manifests; every
 * workload container's environment resolves; a workload that reaches a data server gets that server's own
 * user and password; and every redis connection a workload is given logs in to a real redis-server started
 * from the generated manifests (the only change: its host and port, as there is no cluster DNS here).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { at, mapping, text } from './support/fields.js';
import { checkManifests } from './support/k8s-check.js';
import { parseManifests, type K8sObject } from './support/resolve-env.js';
import { runIn } from './support/run-cli.js';
import { sharedData } from './support/shared-data.js';
import {
  dataServers,
  generateSample,
  serverCredentials,
  valuesReaching,
  variableOverrides,
  workloadContainers,
  type SampleRun,
} from './support/sample-apps.js';
import { redisConnectionCredentials, redisSetGet } from './servers/clients.js';
import { redisPrograms, startRedis } from './servers/redis-server.js';
import type { LocalServer } from './servers/harness.js';

const samplesDir = sharedData('the sample app tests', 'corpus', 'samples');
const samples =
  samplesDir === undefined
    ? []
    : readdirSync(samplesDir)
        .filter((name) => existsSync(path.join(samplesDir, name, 'Makefile')))
        .sort();

const WORKLOAD_KINDS: readonly unknown[] = ['Deployment', 'StatefulSet', 'Job', 'CronJob'];

/** A provisioner's object: it carries the uid of the resource it was made for. */
function madeByProvisioner(o: K8sObject): boolean {
  return Boolean(at(mapping(o, 'metadata'), 'annotations', 'score-ts.dev/resource-uid'));
}

describe.skipIf(samplesDir === undefined)('Score sample apps, generated as their Makefiles run score-k8s', () => {
  it('finds the samples', () => {
    expect(samples).toEqual(['aks-store-demo', 'onlineboutique']);
  });

  describe.each(samples)('%s', (name) => {
    let sample: SampleRun;
    const last = () => sample.steps[sample.steps.length - 1]!;

    beforeAll(async () => {
      sample = await generateSample(path.join(samplesDir!, name));
    }, 120_000);

    it('init and every generate step succeed, with no error and no warning', () => {
      for (const { args, run } of [...(sample.init ? [{ args: ['init'], run: sample.init }] : []), ...sample.steps]) {
        expect({ args, stderr: run.stderr.split('\n').filter((l) => /^(error|warning)/.test(l)), code: run.code }).toEqual({
          args,
          stderr: [],
          code: 0,
        });
      }
    });

    it('each step writes every workload the project knows so far', () => {
      const known = new Set<string>();
      for (const step of sample.steps) {
        for (const w of step.workloads) known.add(w);
        const written = parseManifests(step.manifests).filter((o) => WORKLOAD_KINDS.includes(o.kind) && !madeByProvisioner(o));
        expect({ args: step.args, workloads: written.map((o) => text(o, 'metadata', 'name')).sort() }).toEqual({
          args: step.args,
          workloads: [...known].sort(),
        });
      }
    });

    it('the manifests pass the Kubernetes schema and cross-reference checks', () => {
      for (const step of sample.steps) expect(checkManifests(step.manifests), step.args.join(' ')).toEqual([]);
    });

    it("a step's --override-property still holds after the later steps", () => {
      const containers = workloadContainers(parseManifests(last().manifests));
      for (const step of sample.steps) {
        for (const { container, variable, value } of variableOverrides(step.args)) {
          const found = containers.find((c) => c.workload === step.workloads[0] && c.container === container);
          expect(found?.resolved.env[variable], `${step.workloads[0]}.${container}.${variable}`).toBe(value);
        }
      }
    });

    it('generate without files regenerates the same manifests', async () => {
      const before = last().manifests;
      const run = await runIn(sample.project, ['generate']);
      expect(run.code, run.stderr).toBe(0);
      expect(readFileSync(path.join(sample.project, 'manifests.yaml'), 'utf8')).toBe(before);
    });

    it("every workload container's environment resolves", () => {
      const containers = workloadContainers(parseManifests(last().manifests));
      expect(containers.length).toBeGreaterThan(0);
      for (const c of containers) expect(c.resolved.unresolved, `${c.workload}/${c.container}`).toEqual([]);
    });

    it("a workload that reaches a data server is given that server's own user and password", () => {
      const objects = parseManifests(last().manifests);
      const containers = workloadContainers(objects);
      const servers = dataServers(last().manifests);
      // Every StatefulSet a provisioner made is a server reached through a Service.
      expect(servers.map((s) => s.statefulSet).sort()).toEqual(
        objects
          .filter((o) => o.kind === 'StatefulSet' && madeByProvisioner(o))
          .map((o) => text(o, 'metadata', 'name'))
          .sort(),
      );
      for (const server of servers) {
        const users = containers.filter((c) => valuesReaching(c.resolved, server).length > 0);
        expect(users.length, `nothing reaches ${server.statefulSet}`).toBeGreaterThan(0);
        for (const { user, password } of serverCredentials(server)) {
          for (const c of users) {
            const text = Object.values(c.resolved.env).join('\n');
            expect(
              [text.includes(user), text.includes(password) || text.includes(encodeURIComponent(password))],
              `${c.workload} -> ${server.statefulSet}`,
            ).toEqual([true, true]);
          }
        }
      }
    });

    describe('redis', () => {
      const started: LocalServer[] = [];
      afterAll(async () => {
        for (const server of started) await server.stop();
      }, 15_000);

      it('every redis connection a workload is given logs in to a real server, and a wrong password does not', async () => {
        const redisServers = dataServers(last().manifests).filter((s) => s.image.startsWith('redis:'));
        const containers = workloadContainers(parseManifests(last().manifests));
        for (const server of redisServers) {
          const connections = containers.flatMap((c) =>
            valuesReaching(c.resolved, server).map((value) => ({ from: `${c.workload}/${c.container}`, value })),
          );
          expect(connections.length, `nothing connects to ${server.statefulSet}`).toBeGreaterThan(0);
          const programs = redisPrograms();
          const local = await startRedis(server.container, programs);
          started.push(local);
          for (const { from, value } of connections) {
            const credentials = { ...redisConnectionCredentials(value), host: '127.0.0.1', port: local.port };
            expect(
              server.addresses.map((a) => `${a.host}:${a.port}`),
              from,
            ).toContain(`${redisConnectionCredentials(value).host}:${redisConnectionCredentials(value).port}`);
            const ok = await redisSetGet(programs, credentials, 'sample');
            expect([ok.code, ok.stdout], `${from}: ${ok.stderr}`).toEqual([0, 'OK\nsample\n']);
            const wrong = await redisSetGet(programs, { ...credentials, password: `${credentials.password}x` }, 'wrong');
            expect(wrong.stdout + wrong.stderr, from).toMatch(/WRONGPASS/);
          }
        }
      }, 60_000);
    });
  });
});
