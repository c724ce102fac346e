// Place names in the reply's language. Sobot's visitor regions (getGeographicalDistribution) come
// as the visitor's browser or IP database names them, so one reply can mix "China · Beijing" and
// "中国 · 广东". Known countries and regions are shown in the reply's language; anything else as
// Sobot gave it, never guessed.

import type { Lang } from './format.ts';

/** [English, Chinese, other names Sobot may give (endonyms)]. */
type Place = readonly [string, string, ...string[]];

const PLACES: readonly Place[] = [
  // Countries and territories visitors of Sobot's customers come from most.
  ['China', '中国', '中华人民共和国'],
  ['Hong Kong', '香港'],
  ['Macao', '澳门', 'Macau', '澳門'],
  ['Taiwan', '台湾', '台灣'],
  ['Singapore', '新加坡'],
  ['Malaysia', '马来西亚'],
  ['Indonesia', '印度尼西亚'],
  ['Thailand', '泰国'],
  ['Vietnam', '越南', 'Viet Nam', 'Việt Nam'],
  ['Philippines', '菲律宾'],
  ['Japan', '日本'],
  ['South Korea', '韩国', 'Korea', '대한민국', '韓國'],
  ['India', '印度'],
  ['Australia', '澳大利亚'],
  ['New Zealand', '新西兰'],
  ['United States', '美国', 'USA', 'United States of America'],
  ['Canada', '加拿大'],
  ['Mexico', '墨西哥', 'México'],
  ['Brazil', '巴西', 'Brasil'],
  ['United Kingdom', '英国', 'UK'],
  ['Germany', '德国', 'Deutschland'],
  ['France', '法国'],
  ['Italy', '意大利', 'Italia'],
  ['Spain', '西班牙', 'España'],
  ['Netherlands', '荷兰', 'Nederland'],
  ['Russia', '俄罗斯', 'Россия'],
  ['United Arab Emirates', '阿联酋'],
  ['Saudi Arabia', '沙特阿拉伯'],
  // China's provinces, municipalities and autonomous regions.
  ['Beijing', '北京'],
  ['Shanghai', '上海'],
  ['Tianjin', '天津'],
  ['Chongqing', '重庆'],
  ['Guangdong', '广东'],
  ['Zhejiang', '浙江'],
  ['Jiangsu', '江苏'],
  ['Fujian', '福建'],
  ['Shandong', '山东'],
  ['Henan', '河南'],
  ['Hebei', '河北'],
  ['Hubei', '湖北'],
  ['Hunan', '湖南'],
  ['Sichuan', '四川'],
  ['Anhui', '安徽'],
  ['Jiangxi', '江西'],
  ['Shaanxi', '陕西'],
  ['Shanxi', '山西'],
  ['Liaoning', '辽宁'],
  ['Jilin', '吉林'],
  ['Heilongjiang', '黑龙江'],
  ['Yunnan', '云南'],
  ['Guizhou', '贵州'],
  ['Guangxi', '广西'],
  ['Hainan', '海南'],
  ['Gansu', '甘肃'],
  ['Qinghai', '青海'],
  ['Ningxia', '宁夏'],
  ['Xinjiang', '新疆'],
  ['Tibet', '西藏', 'Xizang'],
  ['Inner Mongolia', '内蒙古'],
  // Regions elsewhere that Sobot's example replies and the simulator name.
  ['California', '加利福尼亚州', '加州'],
  ['New York', '纽约州'],
  ['Texas', '得克萨斯州'],
  ['Tokyo', '东京都', '東京都', '東京'],
  ['Osaka', '大阪府'],
  ['Bavaria', '巴伐利亚州', 'Bayern'],
  ['São Paulo', '圣保罗州', 'Sao Paulo'],
  ['England', '英格兰'],
];

const BY_NAME = new Map<string, Place>();
for (const place of PLACES) for (const name of place) BY_NAME.set(name.toLowerCase(), place);

/** Which of a place's names is in which language: [English, Chinese, other spellings…]. */
const COLUMN: Record<Lang, 0 | 1> = { en: 0, zh: 1 };

/** A country or region in `lang` when it is a known place; otherwise as Sobot gave it. */
export function placeName(name: string, lang: Lang): string {
  const place = BY_NAME.get(name.trim().toLowerCase());
  if (!place) return name;
  return place[COLUMN[lang]];
}
