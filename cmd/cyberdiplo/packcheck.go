package main

import (
	"errors"
	"os"

	"github.com/cyberdiplo/cyberdiplo/knowledge"
)

// checkAsPack is the second look `facts check DIR` takes when DIR does not validate on
// its own (loadErr): a fact pack may name built-in facts in its related ids, so it is
// validated the way the bot loads it, together with the embedded base. It returns the
// pack's own facts when that load is sound.
func checkAsPack(dir string, loadErr error) ([]*knowledge.Fact, bool) {
	var verr *knowledge.ValidationError
	if !errors.As(loadErr, &verr) {
		return nil, false
	}
	builtin, err := knowledge.Embedded()
	if err != nil {
		return nil, false
	}
	merged, err := knowledge.Load(knowledge.EmbeddedFS(), os.DirFS(dir))
	if err != nil {
		return nil, false
	}
	var own []*knowledge.Fact
	for _, f := range merged.Facts() {
		if _, isBuiltin := builtin.Get(f.ID); !isBuiltin {
			own = append(own, f)
		}
	}
	return own, true
}
