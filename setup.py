from setuptools import find_packages, setup


def readme() -> str:
    with open('README.md', encoding='utf-8') as f:
        return f.read()


setup(
    name='semipose',
    version='0.1.0',
    description='Semi-supervised 2D human pose estimation for MMPose 1.x: '
    'denoised, selected pseudo-heatmaps for dual students',
    long_description=readme(),
    long_description_content_type='text/markdown',
    packages=find_packages(exclude=('tests', 'tests.*', 'configs', 'tools')),
    python_requires='>=3.8',
    install_requires=[
        'mmpose>=1.1,<1.4',
        'mmengine>=0.10,<1',
        'mmcv>=2.0.0rc4,<2.2',
        'mmdet>=3.1,<3.4',
        'pycocotools',
        'xtcocotools',
        'numpy',
        'opencv-python',
    ],
    extras_require={'tests': ['pytest']},
    license='Apache License 2.0',
    classifiers=[
        'Programming Language :: Python :: 3',
        'Topic :: Scientific/Engineering :: Artificial Intelligence',
    ],
    zip_safe=False)
