package chart

import (
	"fmt"
	"html"
	"image/color"
	"strings"
)

// SVGOptions tune the SVG form of a chart.
type SVGOptions struct {
	// Link returns the address of a fact's page; nil leaves the markers unlinked.
	Link func(factID string) string
	// FontFamily is the CSS font family of the texts; empty means "Go, sans-serif".
	FontFamily string
	// ID prefixes the ids of the title and description, so that several charts can
	// share a page; empty means "chart".
	ID string
}

func hex(c color.RGBA) string { return fmt.Sprintf("#%02x%02x%02x", c.R, c.G, c.B) }

// esc escapes a text for XML content and attributes.
func esc(s string) string { return html.EscapeString(s) }

// SVG draws l as a standalone <svg> element, every text escaped. It has a <title> and
// a description for screen readers, and each marker carries its fact's title as a
// tooltip (and links to its page with opts.Link).
func SVG(l Layout, opts SVGOptions) string {
	family := opts.FontFamily
	if family == "" {
		family = "Go, sans-serif"
	}
	id := opts.ID
	if id == "" {
		id = "chart"
	}
	var b strings.Builder
	fmt.Fprintf(&b, `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 %d %d" width="%d" height="%d" role="img" aria-labelledby="%s-title %s-desc" font-family="%s" lang="%s">`,
		l.Width, l.Height, l.Width, l.Height, esc(id), esc(id), esc(family), esc(string(l.Lang)))
	fmt.Fprintf(&b, `<title id="%s-title">%s</title><desc id="%s-desc">%s</desc>`, esc(id), esc(l.Title), esc(id), esc(strings.Join(l.Subtitle, " ")))
	fmt.Fprintf(&b, `<rect width="%d" height="%d" fill="#ffffff"/>`, l.Width, l.Height)
	fmt.Fprintf(&b, `<text x="%d" y="%d" font-size="%d" font-weight="bold" fill="%s">%s</text>`, margin, l.TitleY, titleSize, hex(inkColor), esc(l.Title))
	for i, line := range l.Subtitle {
		fmt.Fprintf(&b, `<text x="%d" y="%d" font-size="%d" fill="%s">%s</text>`, margin, l.SubtitleY+i*(textSize+4), textSize, hex(mutedColor), esc(line))
	}
	b.WriteString(`<g class="legend">`)
	for _, it := range l.Legend {
		fmt.Fprintf(&b, `<rect x="%d" y="%d" width="%d" height="%d" fill="%s"/><text x="%d" y="%d" font-size="%d" fill="%s">%s</text>`,
			it.X, it.Y-legendSwatch+2, legendSwatch, legendSwatch, hex(it.Color), it.X+legendSwatch+6, it.Y, textSize, hex(inkColor), esc(it.Label))
	}
	b.WriteString(`</g>`)
	for i, ln := range l.Lanes {
		if i%2 == 0 {
			fmt.Fprintf(&b, `<rect x="%d" y="%d" width="%d" height="%d" fill="%s"/>`, l.PlotX0-margin/2, ln.Y, l.PlotX1-l.PlotX0+margin, ln.Height, hex(tint(ln.Color, 0.06)))
		}
	}
	if len(l.Lanes) > 0 {
		for _, t := range l.Ticks {
			if t.Major {
				fmt.Fprintf(&b, `<line x1="%d" y1="%d" x2="%d" y2="%d" stroke="%s"/>`, t.X, l.Lanes[0].Y, t.X, l.AxisY, hex(gridColor))
			}
		}
	}
	for _, ln := range l.Lanes {
		fmt.Fprintf(&b, `<text x="%d" y="%d" font-size="13" font-weight="bold" fill="%s">%s</text>`, margin, ln.LabelY, hex(ln.Color), esc(ln.Label))
		fmt.Fprintf(&b, `<line x1="%d" y1="%d" x2="%d" y2="%d" stroke="%s"/>`, l.PlotX0, ln.MarkerY, l.PlotX1, ln.MarkerY, hex(tint(ln.Color, 0.35)))
	}
	for _, m := range l.Marks {
		if m.Row > 0 {
			fmt.Fprintf(&b, `<line x1="%d" y1="%d" x2="%d" y2="%d" stroke="%s"/>`, m.X, m.Y+markerR, m.X, m.LabelY-labelSize+1, hex(tint(m.Color, 0.45)))
		}
	}
	b.WriteString(`<g class="events">`)
	for _, m := range l.Marks {
		open, closing := "<g>", "</g>"
		if opts.Link != nil {
			open, closing = fmt.Sprintf(`<a href="%s">`, esc(opts.Link(m.FactID))), "</a>"
		}
		b.WriteString(open)
		fmt.Fprintf(&b, `<title>%s — %s</title>`, esc(m.Date), esc(m.Title))
		fmt.Fprintf(&b, `<circle cx="%d" cy="%d" r="%d" fill="%s" stroke="#ffffff" stroke-width="1.5" data-fact="%s"/>`, m.X, m.Y, markerR, hex(m.Color), esc(m.FactID))
		fmt.Fprintf(&b, `<text x="%d" y="%d" font-size="%d" fill="%s">%s</text>`, m.LabelX, m.LabelY, labelSize, hex(inkColor), esc(m.Label))
		b.WriteString(closing)
	}
	b.WriteString(`</g>`)
	fmt.Fprintf(&b, `<line x1="%d" y1="%d" x2="%d" y2="%d" stroke="%s"/>`, l.PlotX0, l.AxisY, l.PlotX1, l.AxisY, hex(axisColor))
	for _, t := range l.Ticks {
		h := 3
		if t.Major {
			h = 6
		}
		fmt.Fprintf(&b, `<line x1="%d" y1="%d" x2="%d" y2="%d" stroke="%s"/>`, t.X, l.AxisY, t.X, l.AxisY+h, hex(axisColor))
		if t.Major {
			fmt.Fprintf(&b, `<text x="%d" y="%d" font-size="%d" text-anchor="middle" fill="%s">%s</text>`, t.X, l.AxisY+6+labelSize+2, labelSize, hex(mutedColor), esc(t.Label))
		}
	}
	for i, line := range l.Footer {
		fmt.Fprintf(&b, `<text x="%d" y="%d" font-size="%d" fill="%s">%s</text>`, margin, l.FooterY+i*rowHeight, labelSize, hex(mutedColor), esc(line))
	}
	b.WriteString(`</svg>`)
	return b.String()
}
