"""Event-type classifier: the PLOVER category of a (sentence, actor, recipient).

>>> from flashpoint.classifier import load_classifier
>>> load_classifier().predict("Russia shelled Ukrainian positions.", actor=(0, 6), recipient=(15, 25))[0][0]
'ASSAULT'
"""

from .labels import LabelMap, load_label_map
from .model import EventTypeClassifier, Item, load_classifier

__all__ = ["EventTypeClassifier", "Item", "LabelMap", "load_classifier", "load_label_map"]
