// How an alert rule's scope reads to people: "overall", "skill group Sales", "each agent"
// (zh 整体, 技能组 Sales, 每位客服). The config file's keywords (`overall`, `group:Sales`) are for the file.

import type { AlertScope } from '../config-file.ts';
import { type Lang, t } from '../i18n/catalogue.ts';

export function scopeText(scope: AlertScope, lang: Lang): string {
  switch (scope.kind) {
    case 'overall':
    case 'each-agent':
    case 'each-group':
      return t(lang, `scope.${scope.kind}`);
    default:
      return t(lang, `scope.${scope.kind}`, { name: scope.name });
  }
}
