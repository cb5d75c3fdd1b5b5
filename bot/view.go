package bot

import (
	"context"

	"github.com/cyberdiplo/cyberdiplo/knowledge"
)

// view is the knowledge one message is answered from: a library snapshot and what
// the bot derives from it. It never changes; a reload brings a new view.
type view struct {
	snap    *knowledge.Snapshot
	base    *knowledge.Base
	matcher QuestionMatcher
}

type viewKey struct{}

// current returns the view of the library's current snapshot. The common case is two
// atomic loads; the first message after a reload builds the new view while others
// arriving meanwhile wait for it rather than build their own.
func (b *Bot) current() *view {
	snap := b.lib.Current()
	if v := b.curView.Load(); v != nil && v.snap == snap {
		return v
	}
	b.viewMu.Lock()
	defer b.viewMu.Unlock()
	if v := b.curView.Load(); v != nil && v.snap == snap {
		return v
	}
	v := &view{snap: snap, base: snap.Base, matcher: b.scripted}
	if v.matcher == nil {
		v.matcher = snap.Matcher
	}
	v.matcher = b.observed(v.matcher)
	if b.lib.Current() == snap { // a message that read an older snapshot must not evict a newer view
		b.curView.Store(v)
	}
	return v
}

// kb returns the view the message in ctx is answered from (the current one outside
// a message), so that every lookup of one message sees the same fact base even when
// a reload lands halfway.
func (b *Bot) kb(ctx context.Context) *view {
	if v, ok := ctx.Value(viewKey{}).(*view); ok {
		return v
	}
	return b.current()
}

// withView pins the current view for the rest of one message.
func (b *Bot) withView(ctx context.Context) context.Context {
	if _, ok := ctx.Value(viewKey{}).(*view); ok {
		return ctx
	}
	return context.WithValue(ctx, viewKey{}, b.current())
}

// Library returns the reloadable knowledge the bot answers from.
func (b *Bot) Library() *knowledge.Library { return b.lib }
