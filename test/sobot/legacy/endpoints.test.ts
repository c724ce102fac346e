// Specs for the legacy schemas: each action's schema reads exactly the fields of the document's example
// reply (test/fixtures/legacy/, verbatim), and the envelope and token reply read the documented shapes.

import { describe, expect, it } from 'vitest';
import {
  type LegacyAction,
  legacyActions,
  legacyEnvelope,
  legacyTokenReply,
} from '../../../src/sobot/legacy/endpoints.ts';
import { exampleFields, fillExample, legacyExample } from '../../support/legacy-examples.ts';

const ACTIONS = Object.keys(legacyActions) as LegacyAction[];

describe('legacyActions', () => {
  it('are the six wb_* actions of the document', () => {
    expect(ACTIONS.sort()).toEqual(
      [
        'wb_session_customer',
        'wb_session_robot',
        'wb_session_human',
        'wb_session_message',
        'wb_human_satisfaction',
        'wb_robot_satisfaction',
      ].sort(),
    );
  });

  it.each(ACTIONS)('%s reads every field of the document’s example, and no other', (action) => {
    const shape = (legacyActions[action] as unknown as { shape: Record<string, unknown> }).shape;
    const documented = exampleFields(legacyExample(action));
    expect(new Set(documented).size).toBe(documented.length);
    expect(Object.keys(shape).sort()).toEqual([...documented].sort());
  });

  it('keeps the document’s spelling avgServiceMessge', () => {
    expect(exampleFields(legacyExample('wb_session_message'))).toContain('avgServiceMessge');
    expect(Object.keys(legacyActions.wb_session_message.shape)).toContain('avgServiceMessge');
  });
});

describe('the example files', () => {
  it('are the document’s templates: placeholders, and one trailing comma that fillExample drops', () => {
    const robot = legacyExample('wb_robot_satisfaction');
    expect(robot).toContain('"solvedLv": xx,\n}');
    expect(() => JSON.parse(robot)).toThrow();
    const values = Object.fromEntries(exampleFields(robot).map((field) => [field, 1]));
    expect(JSON.parse(fillExample(robot, values)).data.item.solvedLv).toBe(1);
  });

  it('refuse to be filled without a value for every field', () => {
    expect(() => fillExample(legacyExample('wb_session_robot'), { consultSession: 1 })).toThrow(
      /no value for "validSession"/,
    );
  });
});

describe('legacyEnvelope', () => {
  it('reads the code as a string whether it arrives as "1000" or 1000', () => {
    expect(legacyEnvelope.parse({ code: 1000, data: { item: {} } }).code).toBe('1000');
    expect(legacyEnvelope.parse({ code: '1002', msg: 'token' }).code).toBe('1002');
  });

  it('accepts a failure without data', () => {
    expect(legacyEnvelope.parse({ code: '1001' })).toEqual({ code: '1001', msg: '' });
  });

  it('rejects a reply without a code', () => {
    expect(legacyEnvelope.safeParse({ data: { item: {} } }).success).toBe(false);
  });
});

describe('legacyTokenReply', () => {
  it('reads the access token of `{"code":"1000","data":{"access_token":"..."}}`', () => {
    expect(legacyTokenReply.parse({ code: '1000', data: { access_token: 'abc' } }).data?.access_token).toBe(
      'abc',
    );
  });

  it('rejects an empty access token', () => {
    expect(legacyTokenReply.safeParse({ code: '1000', data: { access_token: '' } }).success).toBe(false);
  });
});
