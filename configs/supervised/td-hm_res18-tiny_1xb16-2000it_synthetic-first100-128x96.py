# Supervised baseline of the synthetic benchmark: one student, labeled
# persons only (the first 100 valid persons, about 1.7 % of the 6,027 training
# persons), same model, schedule and seed as the dual-student configs.
_base_ = ['../_base_/synthetic_tiny_128x96.py']
