// Horde sampler names (what an image job carries) → each backend's own names. A name that is not a Horde
// name is passed through unchanged, so a job may already use the backend's spelling.

/** Horde name → [ComfyUI KSampler sampler_name, AUTOMATIC1111 sampler name]. */
const SAMPLERS: Record<string, readonly [comfy: string, a1111: string]> = {
  k_lms: ['lms', 'LMS'],
  k_heun: ['heun', 'Heun'],
  k_euler: ['euler', 'Euler'],
  k_euler_a: ['euler_ancestral', 'Euler a'],
  k_dpm_2: ['dpm_2', 'DPM2'],
  k_dpm_2_a: ['dpm_2_ancestral', 'DPM2 a'],
  k_dpm_fast: ['dpm_fast', 'DPM fast'],
  k_dpm_adaptive: ['dpm_adaptive', 'DPM adaptive'],
  k_dpmpp_2s_a: ['dpmpp_2s_ancestral', 'DPM++ 2S a'],
  k_dpmpp_2m: ['dpmpp_2m', 'DPM++ 2M'],
  k_dpmpp_sde: ['dpmpp_sde', 'DPM++ SDE'],
  // The Horde's "dpmsolver" is a multistep DPM-Solver; DPM++ 2M is the closest sampler both backends have.
  dpmsolver: ['dpmpp_2m', 'DPM++ 2M'],
  ddim: ['ddim', 'DDIM'],
  lcm: ['lcm', 'LCM'],
};

export function comfySampler(name: string): string {
  return SAMPLERS[name.toLowerCase()]?.[0] ?? name;
}

export function a1111Sampler(name: string): string {
  return SAMPLERS[name.toLowerCase()]?.[1] ?? name;
}

/** A LoRA file name: the job's name, with `.safetensors` added when it has no extension. */
export function loraFileName(name: string): string {
  return /\.(safetensors|ckpt|pt|bin)$/i.test(name) ? name : `${name}.safetensors`;
}
