import { describe, expect, it } from 'vitest';
import { VIEW_LIMITS, viewProblems } from '../../src/message/view-limits.ts';

const plain = (text: string) => ({ type: 'plain_text', text });
const section = (text: string) => ({ type: 'section', text: { type: 'mrkdwn', text, verbatim: true } });
const modal = (extra: Record<string, unknown> = {}) => ({
  type: 'modal',
  title: plain('New digest'),
  submit: plain('Save'),
  blocks: [section('hello')],
  ...extra,
});

describe('viewProblems', () => {
  it('takes a home view of 100 blocks and a modal with inputs and a submit button', () => {
    expect(
      viewProblems({ type: 'home', blocks: Array.from({ length: 100 }, (_, i) => section(`${i}`)) }),
    ).toEqual([]);
    const input = {
      type: 'input',
      block_id: 'time',
      label: plain('Time'),
      element: { type: 'timepicker', action_id: 'time', initial_time: '09:00' },
    };
    expect(viewProblems(modal({ blocks: [input] }))).toEqual([]);
  });

  it('refuses 101 blocks, an unknown view type and a modal title over 24 characters', () => {
    expect(viewProblems({ type: 'home', blocks: Array.from({ length: 101 }, () => section('x')) })).toContain(
      `101 blocks (max ${VIEW_LIMITS.blocks})`,
    );
    expect(viewProblems({ type: 'message', blocks: [] })).toContain(
      'view type must be home or modal, got message',
    );
    expect(viewProblems(modal({ title: plain('A title that is far too long') }))).toContain(
      'modal title must be 1–24 chars',
    );
  });

  it('refuses inputs without a submit button, a long label, and repeated block ids', () => {
    const input = (id: string, label: string) => ({
      type: 'input',
      block_id: id,
      label: plain(label),
      element: { type: 'plain_text_input', action_id: 'a' },
    });
    const problems = viewProblems({
      type: 'modal',
      title: plain('Edit'),
      blocks: [input('a', 'x'.repeat(2001)), input('a', 'ok')],
    });
    expect(problems).toEqual(
      expect.arrayContaining([
        'modal with inputs needs submit',
        'block 0 (input): label must be 1–2000 chars',
        'block 1 (input): block_id a is not unique',
      ]),
    );
  });

  it('checks menus wherever they sit: an overflow needs 2–5 options, option values at most 150 characters', () => {
    const overflow = (options: number, value = 'v') => ({
      ...section('rule'),
      accessory: {
        type: 'overflow',
        action_id: 'menu',
        options: Array.from({ length: options }, (_, i) => ({ text: plain(`o${i}`), value })),
      },
    });
    expect(viewProblems({ type: 'home', blocks: [overflow(2)] })).toEqual([]);
    expect(viewProblems({ type: 'home', blocks: [overflow(1)] })).toContain(
      'block 0 (section): overflow needs 2–5 options',
    );
    expect(viewProblems({ type: 'home', blocks: [overflow(6)] })).toContain(
      'block 0 (section): overflow needs 2–5 options',
    );
    expect(viewProblems({ type: 'home', blocks: [overflow(2, 'v'.repeat(151))] })).toContain(
      'block 0 (section): option value over 150 chars',
    );
  });

  it('still applies the message checks to each block: a section text over 3000 characters', () => {
    expect(viewProblems({ type: 'home', blocks: [section('x'.repeat(3001))] })).toContain(
      'block 0 (section): text 3001 chars (max 3000)',
    );
  });
});
