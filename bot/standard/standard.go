// Package standard assembles the bot as shipped: the core (package bot) with every
// standard feature plugged in, in the order of /help and of the middleware chain. The
// main program and the tests of the packages around the bot build it here, so the list
// of features lives in one place; package bot cannot import its features.
package standard

import (
	"github.com/cyberdiplo/cyberdiplo/bot"
	"github.com/cyberdiplo/cyberdiplo/bot/glossary"
	"github.com/cyberdiplo/cyberdiplo/bot/study"
	"github.com/cyberdiplo/cyberdiplo/knowledge"
)

// Options returns opts with the standard features before opts.Features: the glossary,
// then the study features st (nil: new ones with default options). A caller that runs
// the daily fact keeps st.
func Options(opts bot.Options, st *study.Feature) bot.Options {
	if st == nil {
		st = study.New(study.Options{})
	}
	opts.Features = append([]bot.Feature{glossary.New(), st}, opts.Features...)
	return opts
}

// New is bot.New with the standard features.
func New(base *knowledge.Base, matcher *knowledge.Matcher, opts bot.Options) *bot.Bot {
	return bot.New(base, matcher, Options(opts, nil))
}

// NewWithLibrary is bot.NewWithLibrary with the standard features.
func NewWithLibrary(lib *knowledge.Library, opts bot.Options) *bot.Bot {
	return bot.NewWithLibrary(lib, Options(opts, nil))
}

// Study is the study feature a bot was built with (New), nil when it has none: the
// daily fact's loop and Telegram's quiz polls need it.
func Study(b *bot.Bot) *study.Feature {
	for _, f := range b.Features() {
		if st, ok := f.(*study.Feature); ok {
			return st
		}
	}
	return nil
}
