package knowledge

import "strings"

// DetectLang tells whether text is Indonesian or English from its function words,
// chat spellings and Indonesian affixes. confident is false when the text gives no
// clear sign (a bare "GGE 2015", or an even mix): the caller then keeps its own
// default (the chat's language or the platform locale). The language returned
// when not confident is the likelier one, English on a tie.
func DetectLang(text string) (lang Lang, confident bool) {
	return detectLang(tokenize(normalize(text)))
}

// detectLang is DetectLang over the tokens of the normalised text.
func detectLang(toks []rawToken) (lang Lang, confident bool) {
	var id, en float64
	for _, t := range toks {
		if t.kind != tokWord {
			continue
		}
		w := t.text
		if _, ok := colloquial[w]; ok && isIndonesianChat(w) {
			id++
			continue
		}
		switch {
		case markersID[w] && markersEN[w]:
		case markersID[w]:
			id++
		case markersEN[w]:
			en++
		default:
			id += indonesianMorphology(w)
		}
	}
	switch {
	case id > 0 && id >= 2*en && id-en >= 1:
		return ID, true
	case en > 0 && en >= 2*id && en-id >= 1:
		return EN, true
	case id > en:
		return ID, false
	}
	return EN, false
}

// isIndonesianChat reports whether a colloquial spelling is Indonesian (the table
// also holds English shorthand such as "u" or "pls").
func isIndonesianChat(w string) bool {
	c := colloquial[w]
	return markersID[c] || stopID[c] || questionWordID[c]
}

// indonesianMorphology gives partial evidence for words with typical Indonesian
// affixes (memb-, peng-, ber-, -kan, -nya), too weak alone to decide.
func indonesianMorphology(w string) float64 {
	if len(w) < 6 {
		return 0
	}
	for _, s := range []string{"nya", "kan", "lah"} {
		if strings.HasSuffix(w, s) {
			return 0.5
		}
	}
	for _, p := range []string{"meng", "meny", "mem", "peng", "peny", "ber", "di", "ter"} {
		if strings.HasPrefix(w, p) && strings.HasSuffix(w, "an") {
			return 0.5
		}
	}
	return 0
}
