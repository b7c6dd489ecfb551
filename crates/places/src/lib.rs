//! Places: the embedded gazetteer and the geoparser (detection, romanization folding, resolution).
