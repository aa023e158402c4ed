/// The pinned SVG of `RenderFixtures`' maps, byte for byte (see `RenderGoldenTests` for how to
/// update them after a deliberate change). Reviewed by eye through rsvg-convert.
enum RenderGoldens {
    static let block = #"""
<?xml version="1.0" encoding="UTF-8"?>
<svg xmlns="http://www.w3.org/2000/svg" version="1.1" width="640" height="420" viewBox="0 0 640 420" font-family="'Noto Sans CJK JP', 'Hiragino Sans', 'Yu Gothic', sans-serif" role="img" aria-labelledby="map-title map-desc">
<title id="map-title">テスト地図 &lt;区&gt; &amp; "町"</title>
<desc id="map-desc">テスト範囲の市区町村（政令市は区）別投資件数（件）の階級区分図。等間隔分類で2階級、4単位。版 golden（公表・2025-04-01）、fictional test data。出典: 国土数値情報（行政区域データ）（国土交通省）を加工して作成／出典：総務省統計局『令和2年国勢調査』を加工して作成／Geolonia 住所データ（CC BY 4.0）</desc>
<rect width="640" height="420" fill="#ffffff"/>
<g id="units" stroke="none">
<path id="unit-13101" data-code="13101" data-name="西北区" data-value="3" data-class="c0" fill="#deebf7" d="M237.9 233.5l41.1 0 41 0 0-50.2 0-50.3-41 0-41 0 0 50.2z"/>
<path id="unit-13102" data-code="13102" data-name="西南区" data-value="0" data-class="zero" fill="#f0f0f0" d="M237.8 334l41.1 0 41.1 0 0-50.2 0-50.3-41 0-41.1 0 0 50.2z"/>
<path id="unit-14101" data-code="14101" data-name="東北市" data-value="12" data-class="c1" fill="#3182bd" d="M320 233.5l41 0 41.1 0-.1-50.3 0-50.2-41 0-41 0 0 50.3z"/>
<path id="unit-14102" data-code="14102" data-name="東南町" data-value="" data-class="nodata" fill="#bdbdbd" d="M320 334l41.1 0 41.1 0-.1-50.3 0-50.2-41.1 0-41 0 0 50.3z"/>
</g>
<g id="borders" fill="none" stroke-linejoin="round" stroke-linecap="round">
<path class="border-municipal" stroke="#ffffff" stroke-width="0.3" d="M320 233.5l-41 0-41.1 0m164.2 0l-41.1 0-41 0"/>
<path class="border-coast" stroke="#6b6b6b" stroke-width="0.45" d="M237.9 233.5l.1-50.3 0-50.2 41 0 41 0m0 201l-41.1 0-41.1 0 .1-50.3 0-50.2m82.1-100.5l41 0 41 0 0 50.2 .1 50.3 0 50.2 .1 50.3-41.1 0-41.1 0"/>
<path class="border-prefecture" stroke="#4a4a4a" stroke-width="0.8" d="M320 133l0 50.3 0 50.2 0 50.3 0 50.2"/>
</g>
<g id="scale-bar" class="scale-bar" data-km="10">
<path d="M28 323v5h90.6v-5" fill="none" stroke="#333333" stroke-width="1.2"/>
<text x="123.6" y="328" font-size="10" fill="#333333">10 km</text>
</g>
<g id="labels" font-size="10" fill="#222222" text-anchor="middle" stroke="#ffffff" stroke-width="2.5" stroke-linejoin="round" paint-order="stroke">
<text x="278.3" y="234.3" data-code="13">東京都</text>
<text x="361.7" y="234.3" data-code="14">神奈川県</text>
</g>
<g id="legend">
<rect x="413" y="216" width="207" height="122" fill="#ffffff" fill-opacity="0.92" stroke="#bbbbbb" stroke-width="0.8"/>
<text x="423" y="239" font-size="13" font-weight="bold" fill="#222222">投資件数（件）</text>
<text x="423" y="255" font-size="10" fill="#555555">等間隔分類・2階級　（）内は市区町村数</text>
<g class="legend-entry" data-class="c0" data-count="1">
<rect x="423" y="262" width="20" height="12" fill="#deebf7" stroke="#888888" stroke-width="0.5"/>
<text x="451" y="272" font-size="11" fill="#222222">3 – 8</text>
<text x="610" y="272" font-size="11" text-anchor="end" fill="#555555">(1)</text>
</g>
<g class="legend-entry" data-class="c1" data-count="1">
<rect x="423" y="279" width="20" height="12" fill="#3182bd" stroke="#888888" stroke-width="0.5"/>
<text x="451" y="289" font-size="11" fill="#222222">8 – 12</text>
<text x="610" y="289" font-size="11" text-anchor="end" fill="#555555">(1)</text>
</g>
<g class="legend-entry" data-class="zero" data-count="1">
<rect x="423" y="296" width="20" height="12" fill="#f0f0f0" stroke="#888888" stroke-width="0.5"/>
<text x="451" y="306" font-size="11" fill="#222222">0（投資なし）</text>
<text x="610" y="306" font-size="11" text-anchor="end" fill="#555555">(1)</text>
</g>
<g class="legend-entry" data-class="nodata" data-count="1">
<rect x="423" y="313" width="20" height="12" fill="#bdbdbd" stroke="#888888" stroke-width="0.5"/>
<text x="451" y="323" font-size="11" fill="#222222">データなし</text>
<text x="610" y="323" font-size="11" text-anchor="end" fill="#555555">(1)</text>
</g>
</g>
<g id="header">
<text x="20" y="44" font-size="24" font-weight="bold" fill="#111111">テスト地図 &lt;区&gt; &amp; "町"</text>
<text x="20" y="68" font-size="14" fill="#333333">四つの正方形</text>
<text id="edition" x="20" y="88" font-size="12" fill="#444444">版: golden（公表・2025-04-01）　境界: N03-test（fixture）　範囲: テスト範囲</text>
<g id="edition-note">
<rect x="20" y="96" width="165" height="23" rx="3" fill="#fdecea" stroke="#c62828" stroke-width="1"/>
<text x="28" y="112" font-size="13" font-weight="bold" fill="#b71c1c">注意: fictional test data</text>
</g>
</g>
<g id="credits" font-size="10" fill="#555555">
<text x="20" y="358">投影: アルベルス正積円錐図法（GRS80、標準緯線 35.6°N・35.7°N、中央経線 139.1°E）</text>
<text x="20" y="372">国土数値情報（行政区域データ）（国土交通省）を加工して作成</text>
<text x="20" y="386">出典：総務省統計局『令和2年国勢調査』を加工して作成</text>
<text x="20" y="400">Geolonia 住所データ（CC BY 4.0）</text>
</g>
</svg>

"""#

    static let nation = #"""
<?xml version="1.0" encoding="UTF-8"?>
<svg xmlns="http://www.w3.org/2000/svg" version="1.1" width="520" height="560" viewBox="0 0 520 560" font-family="'Noto Sans CJK JP', 'Hiragino Sans', 'Yu Gothic', sans-serif" role="img" aria-labelledby="map-title map-desc">
<title id="map-title">全国テスト</title>
<desc id="map-desc">全国の都道府県別投資額（億円）の階級区分図。分位数分類で3階級、3単位。投資事業を投資額に比例する円で表示。挿入図: 沖縄県。版 golden（公表・2025-04-01）、fictional test data。出典: 国土数値情報（行政区域データ）（国土交通省）を加工して作成／出典：総務省統計局『令和2年国勢調査』を加工して作成／Geolonia 住所データ（CC BY 4.0）</desc>
<rect width="520" height="560" fill="#ffffff"/>
<g id="inset-backgrounds" fill="#f7f9fb">
<rect x="20" y="107" width="110" height="114.2"/>
</g>
<g id="units" stroke="none">
<path id="unit-13" data-code="13" data-name="東京都" data-value="1200000000" data-class="c2" fill="#f03b20" d="M27.1 365.6l62.5-1.3 62.4-1.5-1.9-77-1.9-77-62.1 1.5-62.1 1.3 1.5 77z"/>
<path id="unit-14" data-code="14" data-name="神奈川県" data-value="300000000" data-class="c1" fill="#feb24c" d="M152 362.8l62.5-1.6 62.5-1.8-2.3-77-2.3-77-62.1 1.8-62.1 1.6 1.9 77z"/>
<path id="unit-47" data-code="47" data-name="沖縄県" data-value="50000000" data-class="c0" fill="#ffeda0" d="M46.9 193.2l28.1 0 28.1 0-.1-31.1 0-31.1-28 0-28 0 0 31.1z"/>
</g>
<g id="borders" fill="none" stroke-linejoin="round" stroke-linecap="round">
<path class="border-coast" stroke="#6b6b6b" stroke-width="0.45" d="M152 362.8l-62.4 1.5-62.5 1.3-1.6-77-1.5-77 62.1-1.3 62.1-1.5 62.1-1.6 62.1-1.8 2.3 77 2.3 77-62.5 1.8-62.5 1.6m-105.1-169.6l.1-31.1 0-31.1 28 0 28 0 0 31.1 .1 31.1-28.1 0-28.1 0"/>
<path class="border-prefecture" stroke="#4a4a4a" stroke-width="0.8" d="M148.2 208.8l1.9 77 1.9 77"/>
</g>
<g id="projects" fill-opacity="0.75" stroke="#ffffff" stroke-width="0.6">
<circle cx="75.7" cy="303" r="12" fill="#1f77b4" data-id="P1" data-name="工場A" data-plan="A" data-amount="1000000000"/>
<circle cx="75" cy="162.1" r="6" fill="#ff7f0e" data-id="P2" data-name="工場B" data-plan="B" data-amount="250000000"/>
</g>
<g id="inset-okinawa" data-inset="okinawa">
<rect x="20" y="107" width="110" height="114.2" fill="none" stroke="#777777" stroke-width="0.8"/>
<text x="26" y="125" font-size="12" font-weight="bold" fill="#333333">沖縄県</text>
<g class="scale-bar" data-km="20">
<path d="M26 204.2v5h28.1v-5" fill="none" stroke="#333333" stroke-width="1.2"/>
<text x="59.1" y="209.2" font-size="10" fill="#333333">20 km</text>
</g>
</g>
<g id="scale-bar" class="scale-bar" data-km="20">
<path d="M28 449v5h55.1v-5" fill="none" stroke="#333333" stroke-width="1.2"/>
<text x="88.1" y="454" font-size="10" fill="#333333">20 km</text>
</g>
<g id="labels" font-size="10" fill="#222222" text-anchor="middle" stroke="#ffffff" stroke-width="2.5" stroke-linejoin="round" paint-order="stroke">
<text x="88.3" y="288.9" data-code="13">東京都</text>
<text x="211.7" y="285.6" data-code="14">神奈川県</text>
</g>
<g id="legend">
<rect x="293" y="226" width="207" height="238" fill="#ffffff" fill-opacity="0.92" stroke="#bbbbbb" stroke-width="0.8"/>
<text x="303" y="249" font-size="13" font-weight="bold" fill="#222222">投資額（億円）</text>
<text x="303" y="265" font-size="10" fill="#555555">分位数分類・3階級　（）内は都道府県数</text>
<g class="legend-entry" data-class="c0" data-count="1">
<rect x="303" y="272" width="20" height="12" fill="#ffeda0" stroke="#888888" stroke-width="0.5"/>
<text x="331" y="282" font-size="11" fill="#222222">0.5 – 2.2</text>
<text x="490" y="282" font-size="11" text-anchor="end" fill="#555555">(1)</text>
</g>
<g class="legend-entry" data-class="c1" data-count="1">
<rect x="303" y="289" width="20" height="12" fill="#feb24c" stroke="#888888" stroke-width="0.5"/>
<text x="331" y="299" font-size="11" fill="#222222">2.2 – 6.0</text>
<text x="490" y="299" font-size="11" text-anchor="end" fill="#555555">(1)</text>
</g>
<g class="legend-entry" data-class="c2" data-count="1">
<rect x="303" y="306" width="20" height="12" fill="#f03b20" stroke="#888888" stroke-width="0.5"/>
<text x="331" y="316" font-size="11" fill="#222222">6.0 – 12.0</text>
<text x="490" y="316" font-size="11" text-anchor="end" fill="#555555">(1)</text>
</g>
<text x="303" y="340" font-size="11" font-weight="bold" fill="#222222">事業（円の面積は投資額に比例）</text>
<circle cx="319.2" cy="358" r="12" fill="none" stroke="#555555" stroke-width="0.8"/>
<text x="319.2" y="382" font-size="10" text-anchor="middle" fill="#333333">10億円</text>
<circle cx="356.5" cy="364.6" r="5.4" fill="none" stroke="#555555" stroke-width="0.8"/>
<text x="356.5" y="382" font-size="10" text-anchor="middle" fill="#333333">2億円</text>
<circle cx="395.4" cy="368.3" r="1.7" fill="none" stroke="#555555" stroke-width="0.8"/>
<text x="395.4" y="382" font-size="10" text-anchor="middle" fill="#333333">0.2億円</text>
<g class="legend-symbol" data-category="A" data-count="1">
<circle cx="309" cy="394" r="6" fill="#1f77b4" fill-opacity="0.8" stroke="#ffffff" stroke-width="0.5"/>
<text x="331" y="398" font-size="11" fill="#222222">計画A（1件）</text>
</g>
<g class="legend-symbol" data-category="B" data-count="1">
<circle cx="309" cy="411" r="6" fill="#ff7f0e" fill-opacity="0.8" stroke="#ffffff" stroke-width="0.5"/>
<text x="331" y="415" font-size="11" fill="#222222">計画B（1件）</text>
</g>
<g class="legend-symbol" data-category="C" data-count="0">
<circle cx="309" cy="428" r="6" fill="#2ca02c" fill-opacity="0.8" stroke="#ffffff" stroke-width="0.5"/>
<text x="331" y="432" font-size="11" fill="#222222">計画C（0件）</text>
</g>
<text x="303" y="448" font-size="10" fill="#555555">金額不明の1件は表示せず</text>
</g>
<g id="header">
<text x="20" y="44" font-size="24" font-weight="bold" fill="#111111">全国テスト</text>
<text id="edition" x="20" y="66" font-size="12" fill="#444444">版: golden（公表・2025-04-01）　境界: N03-test（fixture）　範囲: 全国</text>
<g id="edition-note">
<rect x="20" y="74" width="165" height="23" rx="3" fill="#fdecea" stroke="#c62828" stroke-width="1"/>
<text x="28" y="90" font-size="13" font-weight="bold" fill="#b71c1c">注意: fictional test data</text>
</g>
</g>
<g id="credits" font-size="10" fill="#555555">
<text x="20" y="484">投影: アルベルス正積円錐図法（GRS80、標準緯線 30°N・40°N、中央経線 137°E）。</text>
<text x="20" y="498">挿入図は各枠に合わせた同図法・縮尺は各枠の縮尺線による</text>
<text x="20" y="512">国土数値情報（行政区域データ）（国土交通省）を加工して作成</text>
<text x="20" y="526">出典：総務省統計局『令和2年国勢調査』を加工して作成</text>
<text x="20" y="540">Geolonia 住所データ（CC BY 4.0）</text>
</g>
</svg>

"""#
}
