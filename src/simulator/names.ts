// Agent names for the simulated company: an international mix, at least 20% CJK, plus names with
// accents, apostrophes, `&` and `<` so that the bot's alignment and escaping get exercised.

type Rng = () => number;

const pick = <T>(rng: Rng, items: readonly T[]): T => items[Math.floor(rng() * items.length)]!;

// Agent names: CJK names carry pinyin for the e-mail address; the showcase names come first so that
// every company, however small, exercises accents, apostrophes and HTML-significant characters.
const CJK_SURNAMES: ReadonlyArray<[string, string]> = [
  ['王', 'wang'],
  ['李', 'li'],
  ['张', 'zhang'],
  ['刘', 'liu'],
  ['陈', 'chen'],
  ['杨', 'yang'],
  ['黄', 'huang'],
  ['赵', 'zhao'],
  ['吴', 'wu'],
  ['周', 'zhou'],
  ['林', 'lin'],
  ['郭', 'guo'],
];
const CJK_GIVEN: ReadonlyArray<[string, string]> = [
  ['小明', 'xiaoming'],
  ['娜', 'na'],
  ['静', 'jing'],
  ['伟', 'wei'],
  ['芳', 'fang'],
  ['敏', 'min'],
  ['磊', 'lei'],
  ['洋', 'yang'],
  ['艳', 'yan'],
  ['勇', 'yong'],
  ['军', 'jun'],
  ['杰', 'jie'],
  ['婷', 'ting'],
  ['欣怡', 'xinyi'],
  ['子涵', 'zihan'],
  ['浩然', 'haoran'],
];
const LATIN_FIRST = [
  'Seán',
  'José',
  'Zoë',
  'François',
  'Priya',
  'Ahmed',
  'Olga',
  'Björn',
  'Chloé',
  'Liam',
  'Emma',
  'Mateo',
  'Aisha',
  'Noah',
  'Siobhán',
  'Kenji',
  'Lucía',
  'Ólafur',
  'Nadia',
  'Tomás',
  'Amara',
  'Ines',
  'Rafael',
  'Hannah',
];
const LATIN_LAST = [
  "O'Brien",
  'Álvarez',
  'Müller',
  'Dupont',
  'Sharma',
  'Hassan',
  'Ivanova',
  'Andersson',
  'Martin',
  'Nguyễn',
  'Silva',
  "D'Angelo",
  'Kowalski',
  'Okafor',
  'Tanaka',
  'García',
  'Novák',
  'Smith',
  'Jørgensen',
  'Rossi',
];
const SHOWCASE_NAMES: ReadonlyArray<[string, string]> = [
  ['王小明', 'wang.xiaoming'],
  ["Seán O'Brien", 'sean.obrien'],
  ['李娜', 'li.na'],
  ['José Álvarez', 'jose.alvarez'],
  ['陈静', 'chen.jing'],
  ['Sam & Alex Rivera', 'sam.alex.rivera'],
  ['张伟', 'zhang.wei'],
  ['Mia <Trainee> Chen', 'mia.chen'],
];

const asciiSlug = (text: string): string =>
  text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/ø/g, 'o')
    .replace(/ễ/g, 'e')
    .toLowerCase()
    .replace(/[^a-z ]/g, '')
    .trim()
    .replace(/ +/g, '.');

export function agentNames(rng: Rng, count: number): Array<{ name: string; nick: string; email: string }> {
  const used = new Set<string>();
  const names: Array<{ name: string; nick: string; email: string }> = [];
  const add = (name: string, local: string, nick: string): boolean => {
    if (used.has(name)) return false;
    used.add(name);
    names.push({ name, nick, email: `${local}@acme-support.example` });
    return true;
  };
  for (const [name, local] of SHOWCASE_NAMES.slice(0, count)) add(name, local, name.split(' ')[0]!);
  for (let i = names.length; names.length < count; i++) {
    // Two in five are CJK, whatever the seed: the bot must align and escape them.
    const cjk = i % 5 === 0 || i % 5 === 3;
    for (let attempt = 0; attempt < 1000; attempt++) {
      if (cjk) {
        const [surname, surnamePinyin] = pick(rng, CJK_SURNAMES);
        const [given, givenPinyin] = pick(rng, CJK_GIVEN);
        const local = `${surnamePinyin}.${givenPinyin}${attempt > 0 ? attempt : ''}`;
        if (add(`${surname}${given}`, local, `${surname}${given}`)) break;
      } else {
        const first = pick(rng, LATIN_FIRST);
        const last = pick(rng, LATIN_LAST);
        if (add(`${first} ${last}`, asciiSlug(`${first} ${last}`), first)) break;
      }
      if (attempt === 999) add(`Agent ${i + 1}`, `agent${i + 1}`, `Agent ${i + 1}`);
    }
  }
  return names;
}
