import { xmlWellFormednessError } from './xml-check.js';

const ok = (xml: string) => expect({ xml, error: xmlWellFormednessError(xml) }).toEqual({ xml, error: null });
const refused = (xml: string, why: RegExp) => expect({ xml, error: xmlWellFormednessError(xml) }).toEqual({ xml, error: expect.stringMatching(why) });

describe('xmlWellFormednessError', () => {
  it('accepts well-formed documents: declaration, comments, PIs, references, CDATA, CJK names', () => {
    ok('<a/>');
    ok('\uFEFF<?xml version="1.0" encoding="utf-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="zh-CN"><title>A &amp; B &lt;c&gt; &quot;d&quot; &apos;e&apos;</title></feed>\n');
    ok("<?xml version='1.0' standalone='no' ?><!-- c --><?pi data?><r a='1' b=\"x &#x4E2D;&#20013;\"><![CDATA[<&]]>t<e/><e></e><!----></r><!-- end -->\n");
    ok('<公示 类型="处罚">测试😀</公示>');
    ok('<a>\t\r\n</a>');
  });

  it('refuses characters XML 1.0 does not allow, raw or as references', () => {
    refused('<a>测试\u0001</a>', /U\+0001 at offset 5/);
    refused('<a>\u0000</a>', /U\+0000/);
    refused('<a>\uFFFF</a>', /U\+FFFF/);
    refused('<a>\uFFFE</a>', /U\+FFFE/);
    refused('<a>\uD800</a>', /U\+D800/);
    refused('<a>\uDC00x</a>', /U\+DC00/);
    refused('<a>&#1;</a>', /character reference &#1;/);
    refused('<a>&#xFFFF;</a>', /character reference/);
    refused('<a b="&#0;"/>', /character reference/);
  });

  it('refuses broken references, markup characters and structure', () => {
    refused('<a>A & B</a>', /"&" that does not start a reference/);
    refused('<a>&amp</a>', /"&" that does not start a reference/);
    refused('<a>&nbsp;</a>', /"&" that does not start a reference/);
    refused('<a>&#x;</a>', /"&" that does not start a reference/);
    refused('<a>x ]]> y</a>', /"]]>" in text/);
    refused('<a b="<"/>', /"<" in an attribute value/);
    refused('<a b="&"/>', /"&" that does not start a reference/);
    refused('<a b=c/>', /malformed attribute/);
    refused('<a b="1" b="2"/>', /attribute b repeated/);
    refused('<a b="1"c="2"/>', /malformed start tag/);
    refused('<a><b></a></b>', /end tag <\/a> does not match <b>/);
    refused('<a><b></b>', /element <a> not closed/);
    refused('<a></a><b/>', /content after the root element/);
    refused('<a></a>text', /content after the root element/);
    refused('', /expected the root element/);
    refused('text<a/>', /expected the root element/);
    refused('<1a/>', /expected an element/);
    refused('<a><!-- x -- y --></a>', /comment/);
    refused('<a><![CDATA[x</a>', /CDATA section not closed/);
    refused('<a/><?xml version="1.0"?>', /XML declaration not at the start/);
    refused('<?xml version="2"?><a/>', /malformed XML declaration/);
    refused('<!DOCTYPE a><a/>', /DOCTYPE/);
    refused('<a>< b/></a>', /expected an element/);
  });
});
