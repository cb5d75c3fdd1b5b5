package bot_test

import (
	"math/rand/v2"

	"github.com/cyberdiplo/cyberdiplo/bot"
	"github.com/cyberdiplo/cyberdiplo/bot/glossary"
	"github.com/cyberdiplo/cyberdiplo/bot/study"
)

func init() {
	// The order of bot/standard: the glossary, then the study features.
	bot.StandardFeatures = func(rng *rand.Rand) []bot.Feature {
		return []bot.Feature{glossary.New(), study.New(study.Options{Rand: rng})}
	}
}
