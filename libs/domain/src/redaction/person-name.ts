/**
 * Two-character surnames (复姓), so that 欧阳娜娜 becomes 欧阳** and not 欧***. The list covers the
 * compound surnames of the 百家姓 and the ones still common today, in simplified and traditional
 * characters. A surname missing here is masked as a one-character surname, which hides more, not less.
 */
export const COMPOUND_SURNAMES: ReadonlySet<string> = new Set([
  '欧阳', '司马', '上官', '诸葛', '东方', '皇甫', '尉迟', '公孙', '慕容', '长孙', '宇文', '司徒',
  '夏侯', '轩辕', '令狐', '端木', '独孤', '南宫', '西门', '呼延', '百里', '东郭', '万俟', '闻人',
  '赫连', '澹台', '公冶', '宗政', '濮阳', '太叔', '申屠', '钟离', '闾丘', '司空', '拓跋', '第五',
  '左丘', '谷梁', '梁丘', '单于', '羊舌', '亓官', '司寇', '子车', '颛孙', '巫马', '公西', '漆雕',
  '乐正', '壤驷', '公良', '段干', '东门', '南门', '公羊', '微生', '仲孙', '叔孙', '归海', '东里',
  '歐陽', '司馬', '諸葛', '東方', '長孫', '軒轅', '鍾離', '聞人', '赫連', '獨孤', '南宮', '皇甫',
]);

// Separators inside transliterated and minority names (阿卜杜拉·买买提, John Smith) stay visible.
const NAME_SEPARATORS = new Set(['·', '•', '・', '.', ' ', '-']);

/**
 * How many leading code points of `name` are its surname, which masking keeps: two for a listed
 * compound surname followed by a given name, otherwise one.
 */
export function surnameLength(name: string): number {
  const chars = [...name];
  if (chars.length >= 3 && COMPOUND_SURNAMES.has(chars[0] + chars[1])) return 2;
  return 1;
}

/**
 * Masks a natural person's name, keeping the surname: 张三 → 张*, 王小明 → 王**, 欧阳娜娜 → 欧阳**,
 * 阿卜杜拉·买买提 → 阿***·***. A one-character name becomes '*'. Surrounding whitespace is dropped.
 */
export function maskPersonName(name: string): string {
  const chars = [...name.trim()];
  if (chars.length === 0) return '';
  if (chars.length === 1) return '*';
  const keep = surnameLength(name.trim());
  return chars.map((c, i) => (i < keep || NAME_SEPARATORS.has(c) ? c : '*')).join('');
}
