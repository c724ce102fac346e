// The "Sobot: ask" form: which question, which period, and an optional narrowing written as after
// /sobot. Pure: a language in, a modal view out.

import { type Lang, t } from '../src/i18n/catalogue.ts';
import { ASK, ASK_COMMANDS, ASK_PERIODS } from '../src/message/actions.ts';
import { verbatimBlocks } from '../src/message/message.ts';
import { input, option, plain } from './form-blocks.ts';

export function askModal(lang: Lang): Record<string, unknown> {
  const commands = ASK_COMMANDS.map((c) => option(`${t(lang, `ask.command.${c}`)} · /sobot ${c}`, c));
  const periods = ASK_PERIODS.map((p) => option(t(lang, `ask.period.${p}`), p));
  return {
    type: 'modal',
    callback_id: ASK.view,
    title: plain(t(lang, 'ask.title')),
    submit: plain(t(lang, 'ask.submit')),
    close: plain(t(lang, 'home.cancel')),
    blocks: verbatimBlocks([
      input(ASK.command, t(lang, 'ask.command'), {
        type: 'static_select',
        options: commands,
        initial_option: commands[0],
      }),
      input(ASK.period, t(lang, 'ask.period'), {
        type: 'static_select',
        options: periods,
        initial_option: periods[1],
      }),
      input(
        ASK.filters,
        t(lang, 'ask.filters'),
        { type: 'plain_text_input', max_length: 200, placeholder: plain('group:Sales') },
        {
          optional: true,
          hint: t(lang, 'ask.filtersHint', { command: '/sobot', first: 'group:Sales', second: 'sort:fcr' }),
        },
      ),
    ]),
  };
}
