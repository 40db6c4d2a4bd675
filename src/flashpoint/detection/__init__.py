"""Event detection learned from gold: is a candidate event the pipeline found a real, codable
event? (``features``: what the model sees of an event; ``model``: the logistic model and its JSON
file; ``training``: labels from gold files, training and document folds.)"""

from .features import event_features
from .model import DetectionModel, load_model

__all__ = ["DetectionModel", "event_features", "load_model"]
