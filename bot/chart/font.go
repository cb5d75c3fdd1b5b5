package chart

import (
	"fmt"

	"golang.org/x/image/font"
	"golang.org/x/image/font/gofont/gobold"
	"golang.org/x/image/font/gofont/goregular"
	"golang.org/x/image/font/opentype"
	"golang.org/x/image/math/fixed"
)

// Measurer tells how wide a text is drawn, in whole pixels at scale 1.
type Measurer interface {
	Width(s string, size int, bold bool) int
}

// Fonts are the parsed embedded Go fonts (regular and bold). They cover Latin with its
// diacritics, Cyrillic, Greek and the typographic marks the facts use (– — “ ” ’ § …);
// TestFontCoversFacts checks every rune of the embedded timeline. A Fonts is safe for
// concurrent use; the faces drawn with are made per render, since a font.Face is not.
type Fonts struct {
	regular, bold *opentype.Font
}

// RegularTTF is the regular font file, served by the web companion so that its inline
// SVG is set in the same font the chart was measured with.
func RegularTTF() []byte { return goregular.TTF }

// BoldTTF is the bold font file.
func BoldTTF() []byte { return gobold.TTF }

// LoadFonts parses the embedded fonts.
func LoadFonts() (*Fonts, error) {
	r, err := opentype.Parse(goregular.TTF)
	if err != nil {
		return nil, fmt.Errorf("chart: parsing Go Regular: %w", err)
	}
	b, err := opentype.Parse(gobold.TTF)
	if err != nil {
		return nil, fmt.Errorf("chart: parsing Go Bold: %w", err)
	}
	return &Fonts{regular: r, bold: b}, nil
}

// HasGlyph reports whether the regular and bold fonts both draw r.
func (f *Fonts) HasGlyph(r rune) bool {
	for _, fnt := range []*opentype.Font{f.regular, f.bold} {
		i, err := fnt.GlyphIndex(nil, r)
		if err != nil || i == 0 {
			return false
		}
	}
	return true
}

// faces holds the faces of one render at one scale; not for concurrent use.
type faces struct {
	fonts *Fonts
	scale float64
	cache map[faceKey]font.Face
}

type faceKey struct {
	size int
	bold bool
}

func (f *Fonts) faces(scale float64) *faces {
	return &faces{fonts: f, scale: scale, cache: map[faceKey]font.Face{}}
}

func (fc *faces) face(size int, bold bool) font.Face {
	k := faceKey{size, bold}
	if f, ok := fc.cache[k]; ok {
		return f
	}
	src := fc.fonts.regular
	if bold {
		src = fc.fonts.bold
	}
	f, err := opentype.NewFace(src, &opentype.FaceOptions{Size: float64(size) * fc.scale, DPI: 72, Hinting: font.HintingNone})
	if err != nil {
		// NewFace fails only on invalid options, which are constants here.
		panic(fmt.Sprintf("chart: face %d: %v", size, err))
	}
	fc.cache[k] = f
	return f
}

// Width implements Measurer at scale 1 (layout is always computed at scale 1).
func (fc *faces) Width(s string, size int, bold bool) int {
	adv := font.MeasureString(fc.face(size, bold), s)
	return int((adv + fixed.I(1) - 1) / fixed.I(1)) // round up
}

func (fc *faces) close() {
	for _, f := range fc.cache {
		f.Close()
	}
}
