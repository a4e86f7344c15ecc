import { RuleTester } from 'eslint';
import tseslint from 'typescript-eslint';
import { describe, it } from 'vitest';
import { checkImport, layersRule } from './layers.mjs';

RuleTester.describe = describe;
RuleTester.it = it;

const root = '/repo';
const tester = new RuleTester({
  languageOptions: { parser: tseslint.parser, ecmaVersion: 2022, sourceType: 'module' },
});
const file = (relative: string) => `${root}/${relative}`;
const options = [{ root }];

tester.run('casekit/layers', layersRule, {
  valid: [
    {
      filename: file('electron/core/cases/case-store.ts'),
      code: "import { z } from '../../shared/case-schemas';",
      options,
    },
    { filename: file('electron/core/cases/case-store.ts'), code: "import fs from 'node:fs';", options },
    {
      filename: file('electron/main/index.ts'),
      code: "import { app } from 'electron'; import { createCore } from '../core/api/create-core';",
      options,
    },
    {
      filename: file('electron/preload/index.ts'),
      code: "import { contextBridge } from 'electron'; import { calls } from '../shared/api-contract';",
      options,
    },
    { filename: file('electron/cli/main.ts'), code: "import { createCore } from '../core/api/create-core';", options },
    {
      filename: file('renderer/src/app/app.tsx'),
      code: "import React from 'react'; import type { CasekitApi } from '../../../electron/shared/api-contract';",
      options,
    },
    { filename: file('renderer/src/app/app.test.tsx'), code: "import { it } from 'vitest';", options },
    { filename: file('scripts/anything.ts'), code: "import { app } from 'electron';", options },
  ],
  invalid: [
    { filename: file('electron/core/x.ts'), code: "import { app } from 'electron';", options, errors: 1 },
    { filename: file('electron/core/x.ts'), code: "const e = require('electron');", options, errors: 1 },
    { filename: file('electron/core/x.ts'), code: "import '../../renderer/src/main';", options, errors: 1 },
    { filename: file('electron/core/x.ts'), code: "export { a } from '../main/index';", options, errors: 1 },
    {
      filename: file('renderer/src/x.ts'),
      code: "import { createCore } from '../../electron/core/api/create-core';",
      options,
      errors: 1,
    },
    { filename: file('renderer/src/x.ts'), code: "const m = import('../../electron/main/index');", options, errors: 1 },
    { filename: file('renderer/src/x.ts'), code: "import fs from 'node:fs';", options, errors: 1 },
    { filename: file('renderer/src/x.ts'), code: "import { Client } from 'ssh2';", options, errors: 1 },
    { filename: file('electron/shared/x.ts'), code: "import path from 'path';", options, errors: 1 },
    {
      filename: file('electron/preload/x.ts'),
      code: "import { createCore } from '../core/api/create-core';",
      options,
      errors: 1,
    },
    { filename: file('electron/cli/x.ts'), code: "import { app } from 'electron';", options, errors: 1 },
  ],
});

describe('checkImport', () => {
  it('explains the rule it applies', ({ expect }) => {
    expect(checkImport('electron/core/a.ts', 'electron')).toMatch(
      /electron\/core may not import 'electron'.*plain Node/,
    );
  });
});
