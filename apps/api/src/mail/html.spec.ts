import { escapeHtml, html, SafeHtml } from './html';

describe(html.name, () => {
  it('escapes every interpolated value, in content and in attributes', () => {
    const hostile = `<script>alert("x")</script> & 'quotes'`;
    expect(html`<p title="${hostile}">${hostile}</p>`.value).toBe(
      '<p title="&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;quotes&#39;">&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;quotes&#39;</p>',
    );
  });

  it('keeps nested html as markup, joins arrays and renders nothing for absent values', () => {
    const items = ['a<b', 'c'].map((item) => html`<li>${item}</li>`);
    expect(html`<ul>${items}</ul>${undefined}${null}${false}${0}`.value).toBe('<ul><li>a&lt;b</li><li>c</li></ul>0');
  });

  it('trusts only SafeHtml, never a string that looks like markup', () => {
    expect(html`${new SafeHtml('<b>ok</b>')}${'<b>no</b>'}`.value).toBe('<b>ok</b>&lt;b&gt;no&lt;/b&gt;');
    expect(escapeHtml('&amp;')).toBe('&amp;amp;');
  });
});
