package knowledge

import (
	"fmt"
	"testing"
)

func TestZZDbg(t *testing.T) {
	base, _ := Embedded()
	m := NewMatcher(base)
	for _, q := range []string{"When was the first OEWG set up?", "When was the first OEWG established?"} {
		p := m.Parse(q)
		fmt.Printf("%+v\n", p.terms)
	}
}
