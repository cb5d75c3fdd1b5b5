package bot

import "math/rand/v2"

// StandardFeatures returns the shipped features (bot/glossary, bot/study) drawing
// quiz questions from rng (nil: seeded from the time). This package's own tests cannot
// import its features, which import it; features_test.go, in package bot_test, which
// may, sets it before any test runs. The tests below that run the whole brain get the
// features through shipped, as bot/standard assembles them.
var StandardFeatures func(rng *rand.Rand) []Feature

// shipped returns opts with the shipped features before opts.Features.
func shipped(opts Options) Options {
	opts.Features = append(StandardFeatures(nil), opts.Features...)
	return opts
}
