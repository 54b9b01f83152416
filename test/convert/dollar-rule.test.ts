/**
 * One `$` rule for variables, command and args: Kubernetes' own `$(VAR)` and `$$` expansion never applies, so
 * the container gets each field as the Score file means it. Score placeholders (`${...}`, with `$$` for a
 * literal `$`) are expanded in variables only: the Score specification and score-k8s have none in command and
 * args, where `$$` and `${VAR}` often belong to a shell script. Checked with the kubelet's expansion
 * (test/support/resolve-env.ts), on the Deployment convertWorkload makes.
 */
import { describe, expect, it } from 'vitest';
import { convertWorkload } from '../../src/convert/workload.js';
import { resolveContainer } from '../support/resolve-env.js';
import { expandContext, workloadFromYaml } from './fixtures.js';

/** A workload whose variable V, command and args all hold `text`; what Kubernetes gets and the container sees. */
function run(text: string) {
  const workload = workloadFromYaml(`
    apiVersion: score.dev/v1b1
    metadata:
      name: web
    containers:
      main:
        image: busybox
        command: [${JSON.stringify(text)}]
        args: [${JSON.stringify(text)}]
        variables:
          PORT: "8080"
          V: ${JSON.stringify(text)}
  `);
  const ctx = expandContext(workload);
  const objects = convertWorkload(workload, { resourceOutputs: ctx.resourceOutputs, resourceVolume: () => ({}) });
  const deployment = objects.find((o) => o.kind === 'Deployment') as unknown as {
    spec: { template: { spec: { containers: Array<Record<string, unknown>> } } };
  };
  const written = deployment.spec.template.spec.containers[0]! as {
    command: string[];
    args: string[];
    env: Array<{ name: string; value: string }>;
  };
  const seen = resolveContainer(objects, { workload: 'web', container: 'main' });
  return {
    written: { variable: written.env.find((e) => e.name === 'V')!.value, command: written.command[0], args: written.args[0] },
    seen: { variable: seen.env.V, command: seen.command![0], args: seen.args![0] },
  };
}

describe('the $ rule: variables, command and args', () => {
  it.each<{ name: string; text: string; variable: string; commandAndArgs: string }>([
    { name: 'plain text', text: 'hello', variable: 'hello', commandAndArgs: 'hello' },
    { name: "Kubernetes' $(VAR) is never expanded", text: 'port=$(PORT)', variable: 'port=$(PORT)', commandAndArgs: 'port=$(PORT)' },
    {
      name: 'a shell variable stays for the shell',
      text: 'exec app --port "$PORT"',
      variable: 'exec app --port "$PORT"',
      commandAndArgs: 'exec app --port "$PORT"',
    },
    { name: 'a lone $ and a trailing $', text: 'cost $5 $', variable: 'cost $5 $', commandAndArgs: 'cost $5 $' },
    // In a variable, $$ is Score's escape for $; command and args have no placeholders, so $$ is two dollars.
    { name: "$$ (the shell's pid)", text: 'echo pid=$$', variable: 'echo pid=$', commandAndArgs: 'echo pid=$$' },
    { name: '$$(x)', text: '$$(x)', variable: '$(x)', commandAndArgs: '$$(x)' },
    {
      name: 'a Score placeholder: expanded in variables only',
      text: 'name=${metadata.name}',
      variable: 'name=web',
      commandAndArgs: 'name=${metadata.name}',
    },
    { name: 'an escaped placeholder', text: '$${metadata.name}', variable: '${metadata.name}', commandAndArgs: '$${metadata.name}' },
  ])('$name', ({ text, variable, commandAndArgs }) => {
    const { seen } = run(text);
    expect(seen).toEqual({ variable, command: commandAndArgs, args: commandAndArgs });
  });

  it.each<{ name: string; text: string; variable: string; commandAndArgs: string }>([
    { name: 'every $ doubled', text: 'a$b $(X) $$', variable: 'a$$b $$(X) $$', commandAndArgs: 'a$$b $$(X) $$$$' },
    { name: 'no $, no change', text: 'plain', variable: 'plain', commandAndArgs: 'plain' },
    {
      name: 'placeholders expanded in variables only',
      text: '${metadata.name}$',
      variable: 'web$$',
      commandAndArgs: '$${metadata.name}$$',
    },
  ])('written for Kubernetes: $name', ({ text, variable, commandAndArgs }) => {
    expect(run(text).written).toEqual({ variable, command: commandAndArgs, args: commandAndArgs });
  });

  it('a shell ${VAR} in command and args reaches the shell as written', () => {
    const workload = workloadFromYaml(`
      apiVersion: score.dev/v1b1
      metadata:
        name: web
      containers:
        main:
          image: busybox
          command: ["/bin/sh", "-c"]
          args: ["echo \${HOME:-/root} $$"]
    `);
    const ctx = expandContext(workload);
    const objects = convertWorkload(workload, { resourceOutputs: ctx.resourceOutputs, resourceVolume: () => ({}) });
    const seen = resolveContainer(objects, { workload: 'web', container: 'main' });
    expect({ command: seen.command, args: seen.args }).toEqual({ command: ['/bin/sh', '-c'], args: ['echo ${HOME:-/root} $$'] });
  });
});
