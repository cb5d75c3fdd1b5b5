package chart

import (
	"bytes"
	"container/list"
	"errors"
	"fmt"
	"image"
	"image/png"
	"math"
	"sync"

	xdraw "golang.org/x/image/draw"

	"github.com/cyberdiplo/cyberdiplo/knowledge"
)

// DefaultCacheSize is how many drawn charts a Renderer keeps.
const DefaultCacheSize = 64

// Chart is a drawn timeline.
type Chart struct {
	Layout Layout
	// PNG is the picture (for PNG renders); SVG the markup (for SVG renders).
	PNG []byte
	SVG string
	// Events is how many events the chart shows.
	Events int
}

// Renderer draws charts and keeps the most recently used ones, keyed by fact base,
// filter, language, width and format: a base is immutable, so a cached chart is right
// for as long as its base is answered from, and a reload brings new keys while the old
// ones age out. It is safe for concurrent use.
type Renderer struct {
	fonts *Fonts
	texts Texts
	limit int

	mu    sync.Mutex
	items map[cacheKey]*list.Element
	order *list.List // front: most recently used
}

type cacheKey struct {
	base   *knowledge.Base
	filter knowledge.TimelineFilter
	lang   knowledge.Lang
	width  int
	svg    bool
}

type cacheEntry struct {
	key   cacheKey
	chart *Chart
}

// NewRenderer parses the fonts and returns a renderer keeping up to cacheSize charts
// (0 means DefaultCacheSize; negative disables the cache), drawing texts' words.
func NewRenderer(cacheSize int, texts Texts) (*Renderer, error) {
	if texts == nil {
		return nil, errors.New("chart: no texts")
	}
	f, err := LoadFonts()
	if err != nil {
		return nil, err
	}
	if cacheSize == 0 {
		cacheSize = DefaultCacheSize
	}
	return &Renderer{fonts: f, texts: texts, limit: cacheSize, items: map[cacheKey]*list.Element{}, order: list.New()}, nil
}

// Fonts returns the renderer's fonts.
func (r *Renderer) Fonts() *Fonts { return r.fonts }

// Layout places the events of base that req selects; ok is false when there are none.
func (r *Renderer) Layout(base *knowledge.Base, req Request) (Layout, bool) {
	m := r.fonts.faces(1)
	defer m.close()
	return Build(base.Timeline(req.Filter), req, m, r.texts(req.Lang))
}

// PNG returns the chart of req as a PNG, from the cache when it was drawn before; nil
// when the range holds no event.
func (r *Renderer) PNG(base *knowledge.Base, req Request) (*Chart, error) {
	return r.get(base, req, false)
}

// SVG returns the chart of req as SVG markup (opts as for SVG), cached like PNG. The
// cache holds charts drawn with the same opts; callers pass the same opts each time.
func (r *Renderer) SVG(base *knowledge.Base, req Request, opts SVGOptions) (*Chart, error) {
	return r.getSVG(base, req, opts)
}

func (r *Renderer) lookup(k cacheKey) *Chart {
	r.mu.Lock()
	defer r.mu.Unlock()
	if el, ok := r.items[k]; ok {
		r.order.MoveToFront(el)
		return el.Value.(*cacheEntry).chart
	}
	return nil
}

func (r *Renderer) store(k cacheKey, c *Chart) {
	if r.limit < 0 {
		return
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	if el, ok := r.items[k]; ok {
		r.order.MoveToFront(el)
		return
	}
	r.items[k] = r.order.PushFront(&cacheEntry{key: k, chart: c})
	for r.order.Len() > r.limit {
		last := r.order.Back()
		r.order.Remove(last)
		delete(r.items, last.Value.(*cacheEntry).key)
	}
}

func keyOf(base *knowledge.Base, req Request, svg bool) cacheKey {
	lang := req.Lang
	if lang != knowledge.ID {
		lang = knowledge.EN
	}
	return cacheKey{base: base, filter: req.Filter, lang: lang, width: req.width(), svg: svg}
}

func (r *Renderer) get(base *knowledge.Base, req Request, svg bool) (*Chart, error) {
	k := keyOf(base, req, svg)
	if c := r.lookup(k); c != nil {
		return c, nil
	}
	l, ok := r.Layout(base, req)
	if !ok {
		return nil, nil
	}
	data, err := r.fonts.PNG(l, 1)
	if err != nil {
		return nil, err
	}
	c := &Chart{Layout: l, PNG: data, Events: len(l.Marks)}
	r.store(k, c)
	return c, nil
}

func (r *Renderer) getSVG(base *knowledge.Base, req Request, opts SVGOptions) (*Chart, error) {
	k := keyOf(base, req, true)
	if c := r.lookup(k); c != nil {
		return c, nil
	}
	l, ok := r.Layout(base, req)
	if !ok {
		return nil, nil
	}
	c := &Chart{Layout: l, SVG: SVG(l, opts), Events: len(l.Marks)}
	r.store(k, c)
	return c, nil
}

// Limits are a platform's bounds on a picture; zero fields are unbounded.
type Limits struct {
	MaxWidth, MaxHeight int // pixels per side
	MaxSides            int // width + height (Telegram: 10000)
	MaxBytes            int // encoded size
}

// Fit returns a PNG within lim: data itself when it already is, else the picture scaled
// down (never refused: the scale keeps halving until the bytes fit too). w and h are
// the result's size.
func Fit(data []byte, lim Limits) (out []byte, w, h int, err error) {
	cfg, err := png.DecodeConfig(bytes.NewReader(data))
	if err != nil {
		return nil, 0, 0, fmt.Errorf("chart: reading PNG: %w", err)
	}
	scale := 1.0
	if lim.MaxWidth > 0 && cfg.Width > lim.MaxWidth {
		scale = math.Min(scale, float64(lim.MaxWidth)/float64(cfg.Width))
	}
	if lim.MaxHeight > 0 && cfg.Height > lim.MaxHeight {
		scale = math.Min(scale, float64(lim.MaxHeight)/float64(cfg.Height))
	}
	if lim.MaxSides > 0 && cfg.Width+cfg.Height > lim.MaxSides {
		scale = math.Min(scale, float64(lim.MaxSides)/float64(cfg.Width+cfg.Height))
	}
	if scale == 1 && (lim.MaxBytes == 0 || len(data) <= lim.MaxBytes) {
		return data, cfg.Width, cfg.Height, nil
	}
	src, err := png.Decode(bytes.NewReader(data))
	if err != nil {
		return nil, 0, 0, fmt.Errorf("chart: decoding PNG: %w", err)
	}
	for {
		w = max(1, int(float64(cfg.Width)*scale))
		h = max(1, int(float64(cfg.Height)*scale))
		dst := image.NewRGBA(image.Rect(0, 0, w, h))
		xdraw.CatmullRom.Scale(dst, dst.Bounds(), src, src.Bounds(), xdraw.Src, nil)
		var buf bytes.Buffer
		if err := (&png.Encoder{CompressionLevel: png.BestCompression}).Encode(&buf, dst); err != nil {
			return nil, 0, 0, fmt.Errorf("chart: encoding PNG: %w", err)
		}
		if lim.MaxBytes == 0 || buf.Len() <= lim.MaxBytes || w == 1 && h == 1 {
			return buf.Bytes(), w, h, nil
		}
		scale /= 2
	}
}
