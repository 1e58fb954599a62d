# The COCO dual-student setup with HRNet-W32 students (ImageNet-pretrained
# HRNet weights from OpenMMLab), as in the paper's HRNet rows.
_base_ = ['./coco_dual_student_res18_256x192.py']

model = dict(
    student=dict(
        backbone=dict(
            _delete_=True,
            type='HRNet',
            in_channels=3,
            extra=dict(
                stage1=dict(num_modules=1, num_branches=1, block='BOTTLENECK',
                            num_blocks=(4, ), num_channels=(64, )),
                stage2=dict(num_modules=1, num_branches=2, block='BASIC',
                            num_blocks=(4, 4), num_channels=(32, 64)),
                stage3=dict(num_modules=4, num_branches=3, block='BASIC',
                            num_blocks=(4, 4, 4), num_channels=(32, 64, 128)),
                stage4=dict(num_modules=3, num_branches=4, block='BASIC',
                            num_blocks=(4, 4, 4, 4),
                            num_channels=(32, 64, 128, 256))),
            init_cfg=dict(
                type='Pretrained',
                checkpoint='https://download.openmmlab.com/mmpose/'
                'pretrain_models/hrnet_w32-36af842e.pth')),
        head=dict(in_channels=32, deconv_out_channels=None)))
