namespace SearchFirm.Features.Briefs.Templates;

/// <summary>
/// The look of every brief. Fonts are the machine's TrueType fonts, which Chromium embeds as
/// subsets: Caladea (serif headings) and Lato (text), falling back to Liberation and DejaVu, which
/// every Debian with Chromium has. OpenType-CFF fonts are avoided on purpose: Chromium embeds them
/// as Type 3 bitmaps-in-disguise.
/// </summary>
internal static class BriefStyles
{
    public const string Css = """
        :root {
          --ink: #1e2330; --navy: #14213d; --gold: #a4823f; --muted: #6b6552; --rule: #e2dccd; --paper: #f8f5ee;
          --met: #2e6b4f; --partial: #b7791f; --missing: #9b2c2c;
          --serif: Caladea, 'Liberation Serif', 'DejaVu Serif', serif;
          --sans: Lato, 'Liberation Sans', 'DejaVu Sans', sans-serif;
        }
        * { box-sizing: border-box; }
        html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
        body { margin: 0; font-family: var(--sans); font-size: 9.4pt; line-height: 1.45; color: var(--ink); }
        h1, h2, h3 { font-family: var(--serif); font-weight: normal; color: var(--navy); margin: 0; }
        p { margin: 0 0 2.4mm; }
        strong { font-weight: bold; }
        .quiet { color: var(--muted); }
        .small { font-size: 8pt; }
        .warn { color: var(--missing); }

        /* Cover */
        .cover { height: 251mm; display: flex; flex-direction: column; break-after: page; }
        .cover-top { display: flex; justify-content: space-between; align-items: baseline; padding-bottom: 3mm; border-bottom: 0.7pt solid var(--gold); }
        .wordmark { font-size: 9.5pt; font-weight: bold; letter-spacing: 0.34em; text-transform: uppercase; color: var(--navy); }
        .cover-kind { font-size: 7.5pt; letter-spacing: 0.2em; text-transform: uppercase; color: var(--muted); }
        .cover-main { margin-top: 46mm; }
        .cover-main.book { margin-top: 34mm; }
        .eyebrow { font-size: 8pt; font-weight: bold; letter-spacing: 0.22em; text-transform: uppercase; color: var(--gold); }
        .cover-name { font-size: 36pt; line-height: 1.08; margin: 4mm 0 2.5mm; letter-spacing: -0.01em; }
        .cover-postnominals { font-family: var(--serif); font-style: italic; font-size: 14pt; color: var(--muted); }
        .cover-current { margin-top: 9mm; font-size: 11.5pt; line-height: 1.5; }
        .cover-current .employer { color: var(--muted); }
        .figures { display: flex; margin-top: 14mm; border-top: 0.7pt solid var(--navy); border-bottom: 0.5pt solid var(--rule); }
        .figure { flex: 1; padding: 4mm 3mm 4mm 0; }
        .figure + .figure { border-left: 0.5pt solid var(--rule); padding-left: 4.5mm; }
        .figure .value { font-family: var(--serif); font-size: 19pt; line-height: 1.15; color: var(--navy); }
        .figure .value.small { font-size: 12.5pt; padding-top: 1.6mm; }
        .figure .unit { font-size: 9pt; color: var(--muted); }
        .figure .label { margin-top: 1.2mm; font-size: 6.8pt; letter-spacing: 0.14em; text-transform: uppercase; color: var(--muted); }
        .cover-meta { margin: auto 0 0; display: grid; grid-template-columns: 30mm 1fr; row-gap: 1.6mm; font-size: 9pt; }
        .cover-meta dt { padding-top: 0.5mm; font-size: 6.8pt; letter-spacing: 0.14em; text-transform: uppercase; color: var(--muted); }
        .cover-meta dd { margin: 0; }
        .cover-notice { margin-top: 7mm; padding-top: 3mm; border-top: 0.7pt solid var(--gold); font-size: 7.4pt; line-height: 1.55; color: var(--muted); }
        .contents { margin-top: 12mm; }
        .contents td { padding: 2.6mm 2mm 2.6mm 0; }
        .contents .index { width: 10mm; font-family: var(--serif); font-size: 12pt; color: var(--gold); }
        .contents .score { font-family: var(--serif); font-size: 13pt; color: var(--navy); }

        /* Sections */
        .section { margin-top: 8mm; }
        .section.first { margin-top: 0; }
        .section.keep { break-inside: avoid; }
        h2 { font-size: 15pt; padding-top: 2.5mm; margin-bottom: 3.5mm; border-top: 0.5pt solid var(--rule); break-after: avoid; }
        h2 .num { font-family: var(--sans); font-size: 7.5pt; font-weight: bold; letter-spacing: 0.16em; color: var(--gold); margin-right: 3mm; vertical-align: 2.5pt; }
        h3 { font-size: 11pt; margin: 3.5mm 0 1.8mm; break-after: avoid; }
        .lead { font-size: 10.2pt; line-height: 1.55; }
        .two { display: grid; grid-template-columns: 1fr 60mm; column-gap: 8mm; align-items: start; }
        .cols { display: grid; grid-template-columns: 1fr 1fr; column-gap: 8mm; }
        .panel { background: var(--paper); border-top: 1.6pt solid var(--navy); padding: 3.2mm 4mm 3mm; }
        .panel h3 { margin-top: 0; font-size: 10.5pt; }
        .facts { margin: 0; display: grid; grid-template-columns: 24mm 1fr; row-gap: 1.3mm; font-size: 8.4pt; }
        .facts dt { color: var(--muted); }
        .facts dd { margin: 0; }
        .probe { margin-top: 4mm; padding: 0.5mm 0 0.5mm 4mm; border-left: 1.6pt solid var(--gold); }
        .probe h3 { margin-top: 0; }
        .probe ol { margin: 0; padding-left: 4.5mm; }
        .probe li { margin-bottom: 1mm; }
        ul.plain { margin: 0; padding: 0; list-style: none; }
        ul.plain li { padding: 1mm 0; border-bottom: 0.5pt solid var(--rule); }
        .gaps ul { margin: 0; padding-left: 4.5mm; }
        .gaps li { margin-bottom: 0.8mm; }

        /* Tables */
        table { width: 100%; border-collapse: collapse; font-size: 8.6pt; }
        thead { display: table-header-group; }
        tr { break-inside: avoid; }
        th { text-align: left; font-size: 6.8pt; font-weight: bold; letter-spacing: 0.13em; text-transform: uppercase; color: var(--muted);
             padding: 1.4mm 2.5mm 1.4mm 0; border-bottom: 0.8pt solid var(--navy); }
        td { padding: 1.9mm 2.5mm 1.9mm 0; border-bottom: 0.5pt solid var(--rule); vertical-align: top; }
        .num { text-align: right; font-variant-numeric: tabular-nums; padding-right: 4mm; }
        td.crit { width: 52mm; font-weight: bold; color: var(--navy); }
        th.crit { width: 52mm; }
        .res { width: 27mm; }
        .req { display: block; font-size: 6.6pt; font-weight: bold; letter-spacing: 0.12em; text-transform: uppercase; color: var(--gold); margin-top: 0.6mm; }
        tr.total td { border-top: 0.8pt solid var(--navy); border-bottom: none; font-weight: bold; color: var(--navy); }
        .evidence { color: var(--ink); }
        .years { width: 24mm; white-space: nowrap; font-variant-numeric: tabular-nums; color: var(--muted); }
        .level { color: var(--muted); width: 34mm; }
        .tag { margin-left: 2mm; padding: 0.2mm 1.4mm; font-size: 6.4pt; letter-spacing: 0.1em; text-transform: uppercase; color: var(--met); border: 0.5pt solid var(--met); border-radius: 1mm; }
        .pay td { font-family: var(--serif); font-size: 12pt; color: var(--navy); }

        /* Outcomes */
        .outcome { white-space: nowrap; }
        .dot { display: inline-block; width: 2.7mm; height: 2.7mm; border-radius: 50%; border: 0.9pt solid currentColor; vertical-align: -0.35mm; }
        .word { margin-left: 1.5mm; font-size: 7.8pt; font-weight: bold; }
        .met { color: var(--met); } .met .dot { background: currentColor; }
        .partial { color: var(--partial); } .partial .dot { background: linear-gradient(90deg, currentColor 50%, transparent 50%); }
        .missing { color: var(--missing); }
        .pips span { display: inline-block; width: 3.4mm; height: 1.7mm; margin-right: 0.6mm; background: var(--rule); }
        .pips span.on { background: var(--navy); }
        .pip-label { margin-left: 1.5mm; font-size: 7.6pt; color: var(--muted); }
        .pips-cell { width: 34mm; white-space: nowrap; }
        .colophon { margin-top: 8mm; padding-top: 3mm; border-top: 0.7pt solid var(--gold); font-size: 8pt; break-inside: avoid; }
        .colophon p { margin-bottom: 1.4mm; }
        .consent-mark { display: inline-block; width: 2.7mm; height: 2.7mm; margin-right: 2mm; border-radius: 50%; vertical-align: -0.35mm; }
        .consent-mark.yes { background: var(--met); }
        .consent-mark.no { border: 0.9pt solid var(--missing); }

        /* Leadership ladder */
        .ladder { display: flex; margin-top: 1mm; }
        .rung { flex: 1; position: relative; padding: 6mm 3mm 0 0; }
        .rung::before { content: ''; position: absolute; top: 1.9mm; left: 0; right: 0; height: 1pt; background: var(--rule); }
        .rung.reached::before { background: var(--navy); }
        .rung .node { position: absolute; top: 0.4mm; left: 0; width: 3.2mm; height: 3.2mm; border-radius: 50%; background: #fff; border: 1pt solid var(--navy); }
        .rung.reached .node { background: var(--navy); }
        .rung .name { font-family: var(--serif); font-size: 11.5pt; color: var(--navy); line-height: 1.2; margin-bottom: 1mm; }
        .rung.not .name { color: #a39d8f; }
        .rung .detail { font-size: 7.8pt; color: var(--muted); line-height: 1.4; }

        /* Shortlist book */
        .matrix-page { break-after: page; }
        .matrix th.cand { height: 36mm; width: 11mm; padding: 0 0 2mm; vertical-align: bottom; text-align: center; }
        .matrix th.cand div { writing-mode: vertical-rl; transform: rotate(180deg); white-space: nowrap; margin: 0 auto;
             font-family: var(--serif); font-size: 9.5pt; font-weight: normal; letter-spacing: 0; text-transform: none; color: var(--navy); }
        .matrix td.cell { text-align: center; padding-right: 0; }
        .matrix td.crit, .matrix th.crit { width: auto; }
        .matrix .num { width: 18mm; }
        .matrix .figure-cell { font-family: var(--serif); font-size: 10pt; }
        .matrix tr.fact td { color: var(--muted); font-weight: normal; }
        .matrix tr.fact td.crit { color: var(--navy); font-weight: bold; }
        .candidate.in-book { break-before: page; }
        .divider { margin-bottom: 8mm; }
        .divider h1 { font-size: 26pt; line-height: 1.1; margin: 2.5mm 0 1.5mm; }
        .divider .postnominals { font-style: italic; font-size: 15pt; color: var(--muted); }
        .divider-current { font-size: 10.5pt; color: var(--muted); }
        .divider .figures { margin-top: 6mm; }
        """;
}
