import { describe, expect, it } from 'vitest';
import { catalogueFromCaptionCsv, parseCsvRecords } from './caption-csv.js';

const HEADER = 'video_id,manual_cover_text,caption,topic_tag,first_level_category_id,first_level_category_name,'
  + 'second_level_category_id,second_level_category_name,third_level_category_id,third_level_category_name';

describe('parseCsvRecords', () => {
  it('reads quoted fields with commas, doubled quotes and line breaks', () => {
    expect(parseCsvRecords('a,"b,c","say ""hi""","x\ny"\n1,2,3,4\n')).toEqual([['a', 'b,c', 'say "hi"', 'x\ny'], ['1', '2', '3', '4']]);
  });

  it('keeps a bare \\r inside a field, quoted or not, and ends records on \\n or \\r\\n', () => {
    expect(parseCsvRecords('1,one\rtwo,"three\rfour"\r\n2,x,y')).toEqual([['1', 'one\rtwo', 'three\rfour'], ['2', 'x', 'y']]);
  });

  it('handles empty fields, a BOM and a missing final newline', () => {
    expect(parseCsvRecords('\ufeffa,,b\n,,')).toEqual([['a', '', 'b'], ['', '', '']]);
    expect(parseCsvRecords('')).toEqual([]);
  });
});

describe('catalogueFromCaptionCsv', () => {
  it('maps UNKNOWN and -124 to absent, parses tags and picks a title', () => {
    const text = [
      HEADER,
      '4,五爱街最美美女,#搞笑 这真是完美搭配啊！,"[五爱市场,搞笑]",5,时尚,737,营销售卖,2596,女装',
      '1,UNKNOWN,,[],27,高新数码,-124,UNKNOWN,-124,UNKNOWN',
      '9,UNKNOWN,UNKNOWN,[],-124,UNKNOWN,-124,UNKNOWN,-124,UNKNOWN',
      '1378,UNKNOWN,“我希望\r！”,[],6,明星娱乐,-124,UNKNOWN,-124,UNKNOWN',
      '',
    ].join('\n');
    const { entries } = catalogueFromCaptionCsv(text);
    expect(entries).toHaveLength(4);
    expect(entries[0]).toEqual({
      sourceId: '4', title: '#搞笑 这真是完美搭配啊！', caption: '#搞笑 这真是完美搭配啊！', tags: ['五爱市场', '搞笑'],
      category: '时尚', subcategory: '营销售卖', leafCategory: '女装',
    });
    expect(entries[1]).toEqual({ sourceId: '1', title: '快手视频 1', tags: [], category: '高新数码' });
    expect(entries[2]).toEqual({ sourceId: '9', title: '快手视频 9', tags: [] });
    expect(entries[3]?.caption).toBe('“我希望\r！”');
    expect(entries[3]?.title).toBe('“我希望 ！”');
    expect(entries[3]?.category).toBe('明星娱乐');
  });

  it('refuses a file with another header', () => {
    expect(() => catalogueFromCaptionCsv('id,title\n1,x\n')).toThrow(/unexpected KuaiRec caption header/);
  });
});
