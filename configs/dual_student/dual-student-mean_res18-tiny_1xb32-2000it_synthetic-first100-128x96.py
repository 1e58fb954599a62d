# Candidate "mean": pseudo-heatmaps aggregated over the views by their mean
# instead of the max (the mean was more accurate at every threshold in the
# pseudo-label quality table of the first regime).
# Built on 'view-std uncertainty', ours' default when it was measured.
_base_ = ['./dual-student-view-std_res18-tiny_1xb32-2000it_synthetic-'
          'first100-128x96.py']

model = dict(aggregation='mean')
