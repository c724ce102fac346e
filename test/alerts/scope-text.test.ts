import { describe, expect, it } from 'vitest';
import { scopeText } from '../../src/alerts/scope-text.ts';

describe('scopeText', () => {
  it('names each kind of scope in both languages, the config keywords left to the file', () => {
    const scopes = [
      { kind: 'overall' },
      { kind: 'group', name: 'Sales' },
      { kind: 'dept', name: '华东' },
      { kind: 'channel', name: 'App' },
      { kind: 'each-agent' },
      { kind: 'each-group' },
    ] as const;
    expect(scopes.map((scope) => scopeText(scope, 'en'))).toEqual([
      'overall',
      'skill group Sales',
      'department 华东',
      'channel App',
      'each agent',
      'each skill group',
    ]);
    expect(scopes.map((scope) => scopeText(scope, 'zh'))).toEqual([
      '整体',
      '技能组 Sales',
      '部门 华东',
      '渠道 App',
      '每位客服',
      '每个技能组',
    ]);
  });
});
