package chart

import (
	"bytes"
	"fmt"
	"image"
	"image/color"
	"image/draw"
	"image/png"
	"math"

	"golang.org/x/image/font"
	"golang.org/x/image/math/fixed"
)

// Colours shared by the PNG and the SVG.
var (
	inkColor   = color.RGBA{0x20, 0x21, 0x24, 0xff}
	mutedColor = color.RGBA{0x5f, 0x63, 0x68, 0xff}
	gridColor  = color.RGBA{0xe3, 0xe5, 0xe8, 0xff}
	axisColor  = color.RGBA{0x9a, 0xa0, 0xa6, 0xff}
	white      = color.RGBA{0xff, 0xff, 0xff, 0xff}
)

// tint mixes c with white, keeping share of c.
func tint(c color.RGBA, share float64) color.RGBA {
	mix := func(v uint8) uint8 { return uint8(float64(v)*share + 255*(1-share) + 0.5) }
	return color.RGBA{mix(c.R), mix(c.G), mix(c.B), 0xff}
}

// canvas draws at a scale onto an RGBA image.
type canvas struct {
	img   *image.RGBA
	s     float64
	faces *faces
}

func (c *canvas) px(v int) int { return int(math.Round(float64(v) * c.s)) }

func (c *canvas) rect(x0, y0, x1, y1 int, col color.RGBA) {
	r := image.Rect(c.px(x0), c.px(y0), c.px(x1), c.px(y1))
	draw.Draw(c.img, r, image.NewUniform(col), image.Point{}, draw.Src)
}

// line draws a horizontal or vertical line one pixel (at scale 1) thick.
func (c *canvas) line(x0, y0, x1, y1 int, col color.RGBA) {
	t := max(1, c.px(1))
	switch {
	case x0 == x1:
		r := image.Rect(c.px(x0), c.px(y0), c.px(x0)+t, c.px(y1))
		draw.Draw(c.img, r, image.NewUniform(col), image.Point{}, draw.Src)
	case y0 == y1:
		r := image.Rect(c.px(x0), c.px(y0), c.px(x1), c.px(y0)+t)
		draw.Draw(c.img, r, image.NewUniform(col), image.Point{}, draw.Src)
	}
}

// disc draws an anti-aliased filled circle.
func (c *canvas) disc(cx, cy int, r float64, col color.RGBA) {
	fx, fy, fr := float64(cx)*c.s, float64(cy)*c.s, r*c.s
	b := c.img.Bounds()
	for y := int(fy - fr - 1); y <= int(fy+fr+1); y++ {
		for x := int(fx - fr - 1); x <= int(fx+fr+1); x++ {
			if !image.Pt(x, y).In(b) {
				continue
			}
			d := math.Hypot(float64(x)+0.5-fx, float64(y)+0.5-fy)
			cov := math.Max(0, math.Min(1, fr+0.5-d))
			if cov == 0 {
				continue
			}
			i := c.img.PixOffset(x, y)
			p := c.img.Pix[i : i+4 : i+4]
			p[0] = uint8(float64(col.R)*cov + float64(p[0])*(1-cov) + 0.5)
			p[1] = uint8(float64(col.G)*cov + float64(p[1])*(1-cov) + 0.5)
			p[2] = uint8(float64(col.B)*cov + float64(p[2])*(1-cov) + 0.5)
			p[3] = 0xff
		}
	}
}

// text draws s with its baseline's left end at (x, y).
func (c *canvas) text(s string, x, y, size int, bold bool, col color.RGBA) {
	d := font.Drawer{Dst: c.img, Src: image.NewUniform(col), Face: c.faces.face(size, bold),
		Dot: fixed.Point26_6{X: fixed.Int26_6(float64(x) * c.s * 64), Y: fixed.Int26_6(float64(y) * c.s * 64)}}
	d.DrawString(s)
}

// textCentered draws s centred on x, kept inside [lo, hi].
func (c *canvas) textCentered(s string, x, y, size int, col color.RGBA, lo, hi int, m Measurer) {
	w := m.Width(s, size, false)
	left := min(max(x-w/2, lo), hi-w)
	c.text(s, left, y, size, false, col)
}

// PNG draws l at scale (1 for 1 px per layout unit, 2 for high-density screens) and
// encodes it.
func (f *Fonts) PNG(l Layout, scale float64) ([]byte, error) {
	img := f.Image(l, scale)
	var buf bytes.Buffer
	enc := png.Encoder{CompressionLevel: png.BestSpeed}
	if err := enc.Encode(&buf, img); err != nil {
		return nil, fmt.Errorf("chart: encoding PNG: %w", err)
	}
	return buf.Bytes(), nil
}

// Image draws l at scale.
func (f *Fonts) Image(l Layout, scale float64) *image.RGBA {
	if scale <= 0 {
		scale = 1
	}
	fc := f.faces(scale)
	defer fc.close()
	measure := f.faces(1)
	defer measure.close()
	c := &canvas{img: image.NewRGBA(image.Rect(0, 0, int(math.Round(float64(l.Width)*scale)), int(math.Round(float64(l.Height)*scale)))), s: scale, faces: fc}
	draw.Draw(c.img, c.img.Bounds(), image.NewUniform(white), image.Point{}, draw.Src)

	c.text(l.Title, margin, l.TitleY, titleSize, true, inkColor)
	for i, line := range l.Subtitle {
		c.text(line, margin, l.SubtitleY+i*(textSize+4), textSize, false, mutedColor)
	}
	for _, it := range l.Legend {
		c.rect(it.X, it.Y-legendSwatch+2, it.X+legendSwatch, it.Y+2, it.Color)
		c.text(it.Label, it.X+legendSwatch+6, it.Y, textSize, false, inkColor)
	}
	for i, ln := range l.Lanes {
		if i%2 == 0 {
			c.rect(l.PlotX0-margin/2, ln.Y, l.PlotX1+margin/2, ln.Y+ln.Height, tint(ln.Color, 0.06))
		}
	}
	if len(l.Lanes) > 0 {
		top := l.Lanes[0].Y
		for _, t := range l.Ticks {
			if t.Major {
				c.line(t.X, top, t.X, l.AxisY, gridColor)
			}
		}
	}
	for _, ln := range l.Lanes {
		c.text(ln.Label, margin, ln.LabelY, 13, true, ln.Color)
		c.line(l.PlotX0, ln.MarkerY, l.PlotX1, ln.MarkerY, tint(ln.Color, 0.35))
	}
	for _, m := range l.Marks {
		if m.Row > 0 {
			c.line(m.X, m.Y+markerR, m.X, m.LabelY-labelSize+1, tint(m.Color, 0.45))
		}
	}
	for _, m := range l.Marks {
		c.disc(m.X, m.Y, markerR+1.5, white)
		c.disc(m.X, m.Y, markerR, m.Color)
		c.text(m.Label, m.LabelX, m.LabelY, labelSize, false, inkColor)
	}
	c.line(l.PlotX0, l.AxisY, l.PlotX1, l.AxisY, axisColor)
	for _, t := range l.Ticks {
		h := 3
		if t.Major {
			h = 6
		}
		c.line(t.X, l.AxisY, t.X, l.AxisY+h, axisColor)
		if t.Major {
			c.textCentered(t.Label, t.X, l.AxisY+6+labelSize+2, labelSize, mutedColor, 0, l.Width, measure)
		}
	}
	for i, line := range l.Footer {
		c.text(line, margin, l.FooterY+i*rowHeight, labelSize, false, mutedColor)
	}
	return c.img
}
