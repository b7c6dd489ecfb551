//! Actors: the actor lexicon, composition ("Iraqi government troops"), coreference and metonymy.
