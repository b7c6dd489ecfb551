//! Events: cue lexicons, roles, modality, event location and control observations.
