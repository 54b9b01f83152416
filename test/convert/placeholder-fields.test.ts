import { describe, expect, it } from 'vitest';
import { placeholderFields } from '../../src/convert/placeholder-fields.js';
import { convertWorkload } from '../../src/convert/workload.js';
import { ConvertError } from '../../src/base/errors.js';
import { fieldName } from '../../src/base/field-name.js';
import { thrown } from '../provision/builders.js';
import { workloadFromYaml } from './fixtures.js';

const EVERY_FIELD = `
  apiVersion: score.dev/v1b1
  metadata:
    name: web
  containers:
    main:
      image: nginx
      command: ["\${bad.command}"]
      variables:
        A: "\${bad.a}"
      files:
        /etc/a: { content: "\${bad.file}" }
        /etc/b: { content: "\${bad.kept}", noExpand: true }
        /etc/c: { binaryContent: "eA==" }
      volumes:
        /data: { source: "\${bad.volume}" }
  resources:
    db:
      type: postgres
      params:
        size: "\${bad.size}"
        nested: ["\${bad.item}"]
`;

describe('placeholderFields', () => {
  it.each<{ name: string; yaml: string; expected: Array<[string, string]> }>([
    {
      name: 'every kind of field, in container then resource order',
      yaml: EVERY_FIELD,
      expected: [
        ['${bad.a}', 'containers.main.variables.A'],
        ['${bad.file}', 'containers.main.files./etc/a.content'],
        ['${bad.volume}', 'containers.main.volumes./data.source'],
        ['${bad.size}', 'resources.db.params.size'],
        ['${bad.item}', 'resources.db.params.nested[0]'],
      ],
    },
    {
      name: 'files and volumes in the list form',
      yaml: `
        apiVersion: score.dev/v1b1
        metadata: { name: web }
        containers:
          main:
            image: nginx
            files: [{ target: /etc/a, content: "x" }, { content: "no target" }]
            volumes: [{ target: /data, source: "claim" }]
      `,
      expected: [
        ['x', 'containers.main.files[0].content'],
        ['claim', 'containers.main.volumes[0].source'],
      ],
    },
    {
      name: 'no fields',
      yaml: 'apiVersion: score.dev/v1b1\nmetadata: { name: web }\ncontainers: { main: { image: nginx } }\n',
      expected: [],
    },
  ])('$name', ({ yaml, expected }) => {
    expect(placeholderFields(workloadFromYaml(yaml)).map(([text, path]) => [text, fieldName(path)])).toEqual(expected);
  });

  it('lists exactly the container fields where convert expands placeholders', () => {
    const workload = workloadFromYaml(EVERY_FIELD);
    const error = thrown(() => convertWorkload(workload, { resourceOutputs: () => undefined, resourceVolume: () => ({}) }));
    expect(error).toBeInstanceOf(ConvertError);
    const expanded = (error as ConvertError).diagnostics.map((d) => d.field);
    const listed = placeholderFields(workload)
      .map(([, path]) => fieldName(path))
      .filter((f) => f.startsWith('containers.'));
    expect(expanded.sort()).toEqual(listed.sort());
  });
});
