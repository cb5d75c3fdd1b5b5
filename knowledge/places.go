package knowledge

import (
	"bytes"
	_ "embed"
	"fmt"
	"strings"

	"github.com/BurntSushi/toml"
)

// This file loads the place vocabulary (vocab/places.toml): the cities a fact's
// place field may name, the country each lies in, and how students spell both.
// It is data, embedded and validated when the package loads, like the lexicon.
// A "where" question reads the field (placedAnswer). Reading a thing described
// by its place ("konvensi yang ditandatangani di Vietnam") from the field and the
// spellings was tried in the fifth description pass (issue 10): it gained no
// training row and cost a held-out one, so it is not here.

//go:embed vocab/places.toml
var placesTOML []byte

// placeVocab is vocab/places.toml.
type placeVocab struct {
	Countries []struct {
		Name      string   `toml:"name"`
		Spellings []string `toml:"spellings"`
	} `toml:"country"`
	Cities []struct {
		Name      string   `toml:"name"`
		Country   string   `toml:"country"`
		Spellings []string `toml:"spellings"`
	} `toml:"city"`
}

// placeName is one way to write a place: its words, and the city it names ("" for
// a country) and the country.
type placeName struct {
	words         []string
	city, country string
}

// places are the place vocabulary's tables, read-only after load.
type places struct {
	// names are every spelling of a city or country, checked at load.
	names []placeName
	// cityCountry maps each city's name to its country's.
	cityCountry map[string]string
}

var placeTables = mustPlaces(placesTOML)

func mustPlaces(data []byte) places {
	p, err := parsePlaces(data)
	if err != nil {
		panic(err)
	}
	return p
}

// parsePlaces reads and checks the place vocabulary: every city lies in a listed
// country, and every spelling is written as the normaliser leaves text.
func parsePlaces(data []byte) (places, error) {
	var v placeVocab
	md, err := toml.NewDecoder(bytes.NewReader(data)).Decode(&v)
	if err != nil {
		return places{}, fmt.Errorf("vocab/places.toml: %w", err)
	}
	if un := md.Undecoded(); len(un) > 0 {
		return places{}, fmt.Errorf("vocab/places.toml: unknown keys %v", un)
	}
	p := places{cityCountry: make(map[string]string)}
	countries := make(map[string]bool)
	add := func(spellings []string, city, country string) error {
		if len(spellings) == 0 {
			return fmt.Errorf("vocab/places.toml: %q has no spellings", country+"/"+city)
		}
		for _, s := range spellings {
			words := strings.Fields(s)
			if normalize(s) != s || len(words) == 0 {
				return fmt.Errorf("vocab/places.toml: spelling %q must be lower-case without diacritics", s)
			}
			p.names = append(p.names, placeName{words: words, city: city, country: country})
		}
		return nil
	}
	for _, c := range v.Countries {
		if c.Name == "" || countries[c.Name] {
			return places{}, fmt.Errorf("vocab/places.toml: country %q is empty or listed twice", c.Name)
		}
		countries[c.Name] = true
		if err := add(c.Spellings, "", c.Name); err != nil {
			return places{}, err
		}
	}
	for _, c := range v.Cities {
		if !countries[c.Country] {
			return places{}, fmt.Errorf("vocab/places.toml: city %q lies in %q, which is not a listed country", c.Name, c.Country)
		}
		if _, dup := p.cityCountry[c.Name]; c.Name == "" || dup {
			return places{}, fmt.Errorf("vocab/places.toml: city %q is empty or listed twice", c.Name)
		}
		p.cityCountry[c.Name] = c.Country
		if err := add(c.Spellings, c.Name, c.Country); err != nil {
			return places{}, err
		}
	}
	return p, nil
}

// placePairRatio: see placedAnswer.
const placePairRatio = 0.9

// placedAnswer: a "where" question ("where was the UN cybercrime convention
// signed?", "… ditandatangani di mana?") is answered by the fact whose place field
// says where, when it scores close to a best fact on the same subject (one lists
// the other as related) that has no place. The field, not the scores, chose it, so
// it is answered like a document a symbol chose (createdThreshold). A question
// that names no entity ("ditandatangani di mana?") leans on the previous answer
// and is left to the follow-up reading.
func placedAnswer(ranked []Scored, q *Question, entities int) (*Fact, bool) {
	if len(ranked) < 2 || entities == 0 || !q.has("?where") || ranked[0].Fact.Place != "" {
		return nil, false
	}
	for _, s := range ranked[1:] {
		if s.Score < placePairRatio*ranked[0].Score {
			break
		}
		if s.Fact.Place != "" && relatedFacts(s.Fact, ranked[0].Fact) {
			return s.Fact, true
		}
	}
	return nil, false
}
